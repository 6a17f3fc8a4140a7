package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.glance4j.bootstrap.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers on one data directory: the second is refused, saying which directory and what to do. */
class DataDirLockTest {

    private static GlanceApplication start(Path dataDir) {
        return GlanceApplication.start(List.of("--bind", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedAndMayStartOnceTheFirstStopped(@TempDir Path dir) {
        Path dataDir = dir.resolve("data");
        try (GlanceApplication first = start(dataDir)) {
            assertThatThrownBy(() -> start(dataDir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("the data directory " + dataDir.toAbsolutePath() + " is in use by another "
                            + "glance4j node")
                    .hasMessageContaining("give this one another --data-dir, or stop the other node first");
            try (GlanceApplication other = start(dir.resolve("other"))) {
                assertThat(other.port()).isNotEqualTo(first.port());
            }
        }
        try (GlanceApplication again = start(dataDir)) {
            assertThat(again.port()).isPositive();
        }
    }
}
