package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glance4j.bootstrap.GlanceApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores as plugins: a store type found only through {@link java.util.ServiceLoader} on the test class path
 * ({@link RecordingStoreFactory}) gets the options of its section, and stores close when the server stops, after
 * HTTP.
 */
class StoreLifecycleTest {

    @BeforeEach
    @AfterEach
    void forget() {
        synchronized (RecordingStoreFactory.EVENTS) {
            RecordingStoreFactory.EVENTS.clear();
        }
        RecordingStoreFactory.httpStillUp = () -> false;
    }

    private static List<String> events() {
        synchronized (RecordingStoreFactory.EVENTS) {
            return List.copyOf(RecordingStoreFactory.EVENTS);
        }
    }

    private static GlanceApplication start(Path dir, String conf) throws Exception {
        Path file = Files.writeString(dir.resolve("glance-api.conf"), conf);
        return GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--config", file.toString()));
    }

    @Test
    void aPluggedStoreTypeGetsItsSectionAndClosesAfterHttp(@TempDir Path dir) throws Exception {
        GlanceApplication app = start(
                dir,
                "[DEFAULT]\nenabled_backends = mem:test-recording, disk:file\n"
                        + "[glance_store]\ndefault_backend = mem\n[mem]\ncolour = blue\nsize = 2\n");
        int port = app.port();
        RecordingStoreFactory.httpStillUp = () -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        };
        assertThat(events()).containsExactly("open mem {colour=blue, size=2}");
        assertThat(dir.resolve("data/disk")).isDirectory();
        app.close();
        assertThat(events()).containsExactly("open mem {colour=blue, size=2}", "close mem");
    }

    @Test
    void aStoreThatCannotReachItsBackendStopsTheStartAndTheStoresBeforeItClose(@TempDir Path dir) {
        assertThatThrownBy(() -> start(
                        dir,
                        "[DEFAULT]\nenabled_backends = first:test-recording, "
                                + "second:test-recording\n[glance_store]\ndefault_backend = first\n"
                                + "[second]\nfail = the backend at 192.0.2.1 does not answer\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot start store 'second' (type test-recording, options in [second]): "
                        + "Store 'second': the backend at 192.0.2.1 does not answer");
        assertThat(events()).containsExactly("open first {}", "close first");
    }
}
