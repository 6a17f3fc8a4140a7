package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.bootstrap.NodeIdFile;
import org.glance4j.bootstrap.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stores and the node id at start-up, with the whole server in this JVM. The test class path adds the store
 * type {@value RecordingStoreFactory#TYPE} to the known ones.
 */
class StoreStartupTest {

    private static GlanceApplication start(Path dir, String conf) throws Exception {
        Path file = Files.writeString(dir.resolve("glance-api.conf"), conf);
        return GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--config", file.toString()));
    }

    @Test
    void theDefaultStoreLivesInTheDataDirAndTheNodeIdIsMadeOnceAndKept(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        String firstId;
        try (GlanceApplication app = start(dir, "")) {
            assertThat(dataDir.resolve("images")).isDirectory();
            firstId = Files.readString(dataDir.resolve(NodeIdFile.FILE_NAME), StandardCharsets.UTF_8)
                    .strip();
            assertThat(firstId).matches("[0-9a-f-]{36}");
        }
        try (GlanceApplication app = start(dir, "")) {
            assertThat(Files.readString(dataDir.resolve(NodeIdFile.FILE_NAME), StandardCharsets.UTF_8)
                            .strip())
                    .isEqualTo(firstId);
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary node id file remains")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void eachEnabledBackendGetsItsOwnDirectory(@TempDir Path dir) throws Exception {
        Path slow = dir.resolve("elsewhere/slow");
        try (GlanceApplication app = start(
                dir,
                "[DEFAULT]\nenabled_backends = fast:file, slow:file\n"
                        + "[glance_store]\ndefault_backend = slow\n[slow]\nfilesystem_store_datadir = " + slow
                        + "\n")) {
            assertThat(dir.resolve("data/fast")).isDirectory();
            assertThat(slow).isDirectory();
            assertThat(dir.resolve("data/images")).doesNotExist();
        }
    }

    @Test
    void aTypeWithoutAPluginStopsTheStartNamingTheStoreAndLeavesTheOpenedOnesAlone(@TempDir Path dir) {
        assertThatThrownBy(() -> start(
                        dir,
                        "[DEFAULT]\nenabled_backends = fast:file, old:sheepdog\n"
                                + "[glance_store]\ndefault_backend = fast\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot start store 'old': [DEFAULT] enabled_backends gives it the type 'sheepdog', but "
                        + "no store type of that name is installed (store plugins go in a plugin directory: --plugins,"
                        + " [glance4j] plugin_dirs); known types: file, http, rbd, s3, swift, test-counting,"
                        + " test-counting-swift, test-memory, test-recording");
        assertThat(dir.resolve("data/fast"))
                .as("the store opened before is left as it was")
                .isDirectory();
    }

    @Test
    void anUnknownTypeListsTheKnownOnes(@TempDir Path dir) {
        assertThatThrownBy(() -> start(
                        dir, "[DEFAULT]\nenabled_backends = x:floppy\n" + "[glance_store]\ndefault_backend = x\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot start store 'x': [DEFAULT] enabled_backends gives it the type 'floppy', but no "
                        + "store type of that name is installed (store plugins go in a plugin directory: --plugins,"
                        + " [glance4j] plugin_dirs); known types: file, http, rbd, s3, swift, test-counting,"
                        + " test-counting-swift, test-memory, test-recording");
    }

    @Test
    void aBadStoreOptionNamesTheStoreSectionAndOption(@TempDir Path dir) {
        assertThatThrownBy(() -> start(dir, "[glance_store]\nfilesystem_store_chunk_size = lots\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot start store 'file' (type file, options in [glance_store]): ")
                .hasMessageContaining("filesystem_store_chunk_size");
    }

    @Test
    void aDataDirWhoseStoreDirectoryIsAFileStopsTheStart(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/images"), "in the way");
        assertThatThrownBy(() -> start(dir, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot start store 'file' (type file, options in [glance_store]): ")
                .hasMessageContaining(
                        "filesystem_store_datadir names " + dir.resolve("data/images") + ", which is not a directory");
        // the database was opened before the store and is closed again: a new start on the same dir works
        Files.delete(dir.resolve("data/images"));
        try (GlanceApplication app = start(dir, "")) {
            assertThat(app.port()).isPositive();
        }
    }

    @Test
    void aDamagedNodeIdStopsTheStart(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data").resolve(NodeIdFile.FILE_NAME), "../../etc\n");
        assertThatThrownBy(() -> start(dir, ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not hold a node id");
    }
}
