package org.glance4j.bootstrap.api.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glance4j.bootstrap.GlanceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A multi-store configuration that cannot start says which store and why, and no server is left running. */
class MultiStoreStartTest {

    @Test
    void aStoreThatCannotStartNamesItselfAndItsSection(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "x");
        Path conf = Files.writeString(
                dir.resolve("glance-api.conf"),
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "enabled_backends = fast:file, slow:file",
                        "[glance_store]",
                        "default_backend = fast",
                        "[slow]",
                        "filesystem_store_datadir = " + notADirectory,
                        ""));
        assertThatThrownBy(() -> start(dir, conf))
                .hasMessageStartingWith("cannot start store 'slow' (type file, options in [slow]): ")
                .hasMessageContaining("filesystem_store_datadir");
        assertThat(Files.readString(notADirectory)).isEqualTo("x");
    }

    @Test
    void aWeightThatIsNoIntegerStopsTheStart(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(
                dir.resolve("glance-api.conf"),
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "enabled_backends = fast:file",
                        "[glance_store]",
                        "default_backend = fast",
                        "[fast]",
                        "weight = 1.5",
                        ""));
        assertThatThrownBy(() -> start(dir, conf))
                .hasMessageContaining("[fast] weight")
                .hasMessageContaining("it is not an integer");
    }

    private static void start(Path dir, Path conf) {
        GlanceApplication.start(List.of(
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--auth",
                        "trusted-headers",
                        "--config",
                        conf.toString()))
                .close();
    }
}
