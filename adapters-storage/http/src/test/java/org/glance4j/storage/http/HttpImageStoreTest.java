package org.glance4j.storage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.UnsupportedStoreOperationException;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http store beyond the kit: redirects, servers that ignore ranges, refusals, bad locations, options. */
class HttpImageStoreTest {
    private static final String STORE = "web";

    @TempDir
    Path dir;

    private RangeServingHttpServer server;
    private ImageStore store;
    private final byte[] content = GeneratedBytes.array(100_000, 21);

    @BeforeEach
    void start() throws IOException {
        server = new RangeServingHttpServer(dir);
        Files.write(dir.resolve("cirros"), content);
        store = new HttpImageStoreFactory().create(STORE, Map.of());
    }

    @AfterEach
    void stop() {
        store.close();
        server.close();
    }

    @Test
    void redirectsAreFollowed() throws IOException {
        String moved = server.base() + "/moved/cirros";
        assertThat(read(moved, null)).isEqualTo(content);
        assertThat(read(moved, new ByteRange(10, 5))).containsExactly(slice(10, 5));
        assertThat(store.size(moved)).isEqualTo(content.length);
    }

    @Test
    void aServerThatIgnoresRangesStillGivesTheRange() throws IOException {
        server.ignoreRanges(true);
        assertThat(read(server.urlOf("cirros"), new ByteRange(99_990, 100))).containsExactly(slice(99_990, 10));
        assertThat(read(server.urlOf("cirros"), new ByteRange(0, 1))).containsExactly(slice(0, 1));
        GlanceException past =
                (GlanceException) catchThrowable(() -> read(server.urlOf("cirros"), new ByteRange(100_000, 1)));
        assertThat(past.category()).isEqualTo(ErrorCategory.RANGE_NOT_SATISFIABLE);
    }

    @Test
    void throttlingAndRefusalAreUnavailableNamingTheStore() {
        server.forceStatus(503);
        GlanceException throttled = (GlanceException) catchThrowable(() -> read(server.urlOf("cirros"), null));
        assertThat(throttled.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(throttled.getMessage())
                .isEqualTo("Store 'web' cannot read image data: the server is throttling"
                        + " requests or unavailable (HTTP 503); retry later");
        server.forceStatus(403);
        GlanceException refused = (GlanceException) catchThrowable(() -> store.size(server.urlOf("cirros")));
        assertThat(refused.getMessage())
                .isEqualTo("Store 'web' cannot read the size of image data: the server" + " refused access (HTTP 403)");
    }

    @Test
    void messagesNeverShowCredentialsOrPathsOfTheLocation() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String location = "http://user:secret@127.0.0.1:" + port + "/private/path?token=abc";
        GlanceException failure = (GlanceException) catchThrowable(() -> read(location, null));
        assertThat(failure.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(failure.getMessage())
                .isEqualTo("Store 'web' cannot read image data: cannot connect to" + " http://127.0.0.1:" + port
                        + " (connection refused)");
    }

    @Test
    void aBrokenConnectionIsSaidInTheApisWordsWithTheLibraryTextOnlyInTheCause() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                // every connection (the client retries an idempotent GET once) is closed after its first byte
                while (!silent.isClosed()) {
                    try (java.net.Socket accepted = silent.accept()) {
                        accepted.getInputStream().read();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            String location = "http://127.0.0.1:" + silent.getLocalPort() + "/x";
            GlanceException failure = (GlanceException) catchThrowable(() -> read(location, null));
            assertThat(failure.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
            assertThat(failure.getMessage())
                    .isEqualTo("Store 'web' cannot read image data: the connection to"
                            + " http://127.0.0.1:" + silent.getLocalPort()
                            + " broke; the store is unavailable, try again"
                            + " later");
            assertThat(failure.getCause()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void writesAndDeletesAreRefusedInTheStandardWay() {
        Throwable write = catchThrowable(() -> store.write("img", new ByteArrayInputStream(new byte[1]), 1));
        assertThat(write)
                .isInstanceOf(UnsupportedStoreOperationException.class)
                .hasMessage("Store 'web' does not support write");
        assertThat(catchThrowable(() -> store.delete(server.urlOf("cirros"))))
                .isInstanceOf(UnsupportedStoreOperationException.class)
                .hasMessage("Store 'web' does not support delete");
        assertThat(dir.resolve("cirros")).exists();
    }

    @Test
    void locationsThatAreNotHttpUrlsAreInvalid() {
        for (String location : new String[] {"file:///etc/passwd", "s3://host/bucket/key", "not a url", "http:///x"}) {
            GlanceException failure = (GlanceException) catchThrowable(() -> store.read(location, null));
            assertThat(failure.category()).as(location).isEqualTo(ErrorCategory.INVALID);
            assertThat(failure.getMessage()).startsWith("Store 'web' cannot use the location");
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheStoreAndOption() {
        GlanceException failure = (GlanceException) catchThrowable(() -> new HttpImageStoreFactory()
                .create(STORE, Map.of(HttpImageStoreFactory.HTTPS_INSECURE.name(), "maybe")));
        assertThat(failure.category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(failure.getMessage())
                .isEqualTo("Store 'web': option https_insecure must be true or false, got" + " maybe");
        GlanceException missingFile = (GlanceException) catchThrowable(() -> new HttpImageStoreFactory()
                .create(
                        STORE,
                        Map.of(
                                HttpImageStoreFactory.HTTPS_CA_CERTIFICATES_FILE.name(),
                                dir.resolve("none.pem").toString())));
        assertThat(missingFile.getMessage())
                .startsWith("Store 'web': option https_ca_certificates_file cannot be" + " read as PEM certificates");
    }

    private byte[] read(String location, ByteRange range) throws IOException {
        try (InputStream in = store.read(location, range)) {
            return in.readAllBytes();
        }
    }

    private byte[] slice(int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(content, offset, out, 0, length);
        return out;
    }
}
