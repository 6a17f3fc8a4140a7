package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.storage.rbd.CephCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rbd store's plugin jar ({@code adapters-storage/rbd}'s {@code glance4j-store-rbd-<version>-plugin.jar}, the
 * store with JNA inside), copied into a plugin directory of the stock runnable jar, serves images from a real
 * single-node Ceph: the server is not rebuilt and has no rbd class of its own.
 */
@ExtendWith(CephCluster.class)
class RbdPluginProcessTest {

    @Test
    void theRbdPluginJarInAPluginDirectoryServesImagesFromCeph(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Files.copy(rbdPluginJar(), plugins.resolve("glance4j-store-rbd.jar"));
        Path conf = Files.writeString(
                dir.resolve("glance-api.conf"),
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "enabled_backends = ceph:rbd",
                        "[glance_store]",
                        "default_backend = ceph",
                        "[ceph]",
                        "rbd_store_pool = " + CephCluster.POOL,
                        "rbd_store_user = " + CephCluster.USER,
                        "rbd_store_ceph_conf = " + CephCluster.get().conf(),
                        "rbd_store_chunk_size = 1",
                        ""));
        try (ServerProcess server = ServerProcess.startReady(
                dir.resolve("data"),
                dir.resolve("server.log"),
                0,
                "--config",
                conf.toString(),
                "--plugins",
                plugins.toString())) {
            assertThat(server.output()).contains("rbd (" + jar + ")");
            DataApi api = new DataApi(server.baseUri());
            String id = api.createImage("in-ceph");
            long size = 3L * 1024 * 1024 + 11;

            api.uploadOk(id, size, 41);

            assertThat(api.status(id)).isEqualTo("active");
            assertThat(api.downloadSha256(id)).isEqualTo(GeneratedBytes.sha256(size, 41));
            assertThat(CephCluster.get().admin("rbd", "ls", CephCluster.POOL)).contains(id);
            assertThat(CephCluster.get().admin("rbd", "snap", "ls", CephCluster.POOL + "/" + id))
                    .contains("snap");
        }
    }

    /** The plugin jar that the rbd module's {@code package} built. */
    private static Path rbdPluginJar() throws Exception {
        Path target = Path.of("..", "adapters-storage", "rbd", "target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(
                            f -> f.getFileName().toString().matches("glance4j-store-rbd-.*-plugin\\.jar"))
                    .toList();
            assertThat(jars)
                    .as("the rbd plugin jar; run these tests with mvn verify")
                    .hasSize(1);
            return jars.get(0);
        }
    }
}
