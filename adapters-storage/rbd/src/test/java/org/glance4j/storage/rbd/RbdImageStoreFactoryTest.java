package org.glance4j.storage.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How the {@code rbd} factory is found, reads its options and refuses to start. */
@ExtendWith(CephCluster.class)
class RbdImageStoreFactoryTest {

    @Test
    void serviceLoaderFindsTheRbdFactory() {
        assertThat(ServiceLoader.load(ImageStoreFactory.class).stream()
                        .map(p -> p.get().type()))
                .contains("rbd");
    }

    @Test
    void defaultsAreGlanceStores() {
        RbdSettings settings = RbdSettings.read(RbdImageStoreFactory.OPTIONS.read("ceph1", Map.of()));
        assertThat(settings).isEqualTo(new RbdSettings("images", null, null, 8 * 1024 * 1024, -1, false));
        assertThat(settings.order()).isEqualTo(23);
    }

    @Test
    void badValuesAreRefusedNamingTheStoreAndTheOption() {
        assertInvalid(Map.of(RbdImageStoreFactory.CHUNK_SIZE.name(), "0"), "rbd_store_chunk_size");
        assertInvalid(Map.of(RbdImageStoreFactory.CHUNK_SIZE.name(), "64"), "rbd_store_chunk_size");
        assertInvalid(Map.of(RbdImageStoreFactory.THIN_PROVISIONING.name(), "maybe"), "rbd_thin_provisioning");
        assertInvalid(Map.of(RbdImageStoreFactory.CONNECT_TIMEOUT.name(), "soon"), "rados_connect_timeout");
    }

    private static void assertInvalid(Map<String, String> options, String option) {
        GlanceException refusal =
                catchThrowableOfType(GlanceException.class, () -> new RbdImageStoreFactory().create("ceph1", options));
        assertThat(refusal.category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(refusal.getMessage()).contains("'ceph1'").contains(option);
    }

    @Test
    void aMissingPoolStopsTheStartNamingThePool() {
        Map<String, String> options = CephCluster.get().storeOptions();
        options.put(RbdImageStoreFactory.POOL.name(), "no-such-pool");
        GlanceException refusal =
                catchThrowableOfType(GlanceException.class, () -> new RbdImageStoreFactory().create("ceph1", options));
        assertThat(refusal.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(refusal.getMessage()).contains("'ceph1'").contains("'no-such-pool' does not exist");
    }

    @Test
    void anUnreachableClusterStopsTheStartWithinTheConnectTimeout(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path conf = dir.resolve("ceph.conf");
        Files.writeString(conf, "[global]\nmon_host = 127.0.0.1:" + closedPort + "\nauth_client_required = none\n");
        Map<String, String> options = Map.of(
                RbdImageStoreFactory.CEPH_CONF.name(),
                conf.toString(),
                RbdImageStoreFactory.CONNECT_TIMEOUT.name(),
                "3");
        GlanceException refusal =
                catchThrowableOfType(GlanceException.class, () -> new RbdImageStoreFactory().create("ceph1", options));
        assertThat(refusal.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(refusal.getMessage())
                .contains("'ceph1'")
                .contains("cannot connect to its backend: Ceph did not answer in time")
                .doesNotContain("\n");
    }
}
