package org.glance4j.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.FailingInputStream;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the {@code s3} store reports a backend that says no: refused credentials, a missing bucket it may not
 * create, a closed port, throttling; and that a multipart write that fails half-way leaves nothing behind.
 */
class S3StoreErrorsTest {
    private static final String STORE = "s3-errors";
    private static S3ProxyServer server;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        server.close();
    }

    @Test
    void wrongSecretKeyIsUnavailableSayingTheCredentialsWereRefused() {
        Map<String, String> options = new java.util.HashMap<>(S3StoreContractTest.options(server.endpoint(), "creds"));
        options.put(S3ImageStoreFactory.SECRET_KEY.name(), "not-the-secret");
        try (ImageStore store = new S3ImageStoreFactory().create(STORE, options)) {
            GlanceException failure = writeFails(store);
            assertThat(failure.getMessage())
                    .contains("Store '" + STORE + "'")
                    .contains("refused the credentials")
                    .contains(S3ProxyServer.ACCESS_KEY)
                    .doesNotContain("not-the-secret");
        }
    }

    @Test
    void missingBucketIsUnavailableWhenTheStoreMayNotCreateIt() throws Exception {
        Map<String, String> options =
                new java.util.HashMap<>(S3StoreContractTest.options(server.endpoint(), "no-such-bucket"));
        options.put(S3ImageStoreFactory.CREATE_BUCKET_ON_PUT.name(), "false");
        try (ImageStore store = new S3ImageStoreFactory().create(STORE, options)) {
            GlanceException failure = writeFails(store);
            assertThat(failure.getMessage())
                    .isEqualTo("Store '" + STORE + "': the S3 bucket 'no-such-bucket'"
                            + " does not exist and the store is not allowed to create it");
            assertThat(server.filesIn("no-such-bucket")).isZero();
        }
    }

    @Test
    void existingBucketIsUsedWithoutCreateOnPut() throws Exception {
        server.createBucket("made-by-operator");
        Map<String, String> options =
                new java.util.HashMap<>(S3StoreContractTest.options(server.endpoint(), "made-by-operator"));
        options.put(S3ImageStoreFactory.CREATE_BUCKET_ON_PUT.name(), "false");
        try (ImageStore store = new S3ImageStoreFactory().create(STORE, options)) {
            StoredObject written = store.write("img", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
            assertThat(written.location())
                    .isEqualTo("s3://" + server.endpoint().substring("http://".length()) + "/made-by-operator/img");
            assertThat(store.read(written.location(), null).readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void closedPortIsUnavailableSayingConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;
        try (ImageStore store =
                new S3ImageStoreFactory().create(STORE, S3StoreContractTest.options(endpoint, "bucket"))) {
            assertThat(writeFails(store).getMessage())
                    .contains("Store '" + STORE + "'")
                    .contains("cannot connect to S3 at " + endpoint + " (connection refused)");
            assertThat(readFails(store, "s3://127.0.0.1:" + closedPort + "/bucket/img")
                            .getMessage())
                    .contains("Store '" + STORE + "' cannot read image data")
                    .contains("connection refused");
        }
    }

    @Test
    void throttlingIsUnavailableSayingSo() throws IOException {
        HttpServer slowDown = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        slowDown.createContext("/", exchange -> {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                            + "<Message>Please reduce your request rate.</Message></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(503, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        slowDown.start();
        try (ImageStore store = new S3ImageStoreFactory()
                .create(
                        STORE,
                        S3StoreContractTest.options(
                                "http://127.0.0.1:" + slowDown.getAddress().getPort(), "bucket"))) {
            String location = "s3://127.0.0.1/bucket/img";
            assertThat(readFails(store, location).getMessage())
                    .isEqualTo("Store '" + STORE + "' cannot read image data: S3 is throttling requests (SlowDown);"
                            + " retry later");
            assertThat(writeFails(store).getMessage())
                    .contains("Store '" + STORE + "'")
                    .contains("throttling");
        } finally {
            slowDown.stop(0);
        }
    }

    @Test
    void multipartWriteFailingAfterSomePartsLeavesNothing() throws Exception {
        try (ImageStore store = new S3ImageStoreFactory()
                .create(STORE, S3StoreContractTest.options(server.endpoint(), "half-written"))) {
            IOException dropped = new IOException("client went away");
            FailingInputStream input = FailingInputStream.throwingIo(17 * 1024 * 1024 + 5, dropped);
            Throwable thrown = catchThrowable(() -> store.write("img", input, 40 * 1024 * 1024));
            assertThat(thrown).isInstanceOf(UncheckedIOException.class).hasCause(dropped);
            assertThat(server.filesIn("half-written"))
                    .as("objects and parts left behind")
                    .isZero();
            StoredObject again = store.write("img", GeneratedBytes.of(11 * 1024 * 1024, 3), -1);
            assertThat(again.size()).isEqualTo(11 * 1024 * 1024);
            assertThat(GeneratedBytes.sha256(store.read(again.location(), null)))
                    .isEqualTo(GeneratedBytes.sha256(11 * 1024 * 1024, 3));
        }
    }

    @Test
    void aLocationOfAnotherSchemeIsRefusedNamingTheStore() {
        try (ImageStore store =
                new S3ImageStoreFactory().create(STORE, S3StoreContractTest.options(server.endpoint(), "bucket"))) {
            GlanceException failure = (GlanceException) catchThrowable(() -> store.size("swift+http://x/c/o"));
            assertThat(failure.category()).isEqualTo(ErrorCategory.INVALID);
            assertThat(failure.getMessage()).contains("Store '" + STORE + "'");
        }
    }

    private static GlanceException writeFails(ImageStore store) {
        Throwable thrown = catchThrowable(() -> store.write("img", new ByteArrayInputStream(new byte[10]), 10));
        return unavailable(thrown);
    }

    private static GlanceException readFails(ImageStore store, String location) {
        return unavailable(catchThrowable(() -> store.read(location, null).readAllBytes()));
    }

    private static GlanceException unavailable(Throwable thrown) {
        assertThat(thrown).isInstanceOf(GlanceException.class);
        GlanceException failure = (GlanceException) thrown;
        assertThat(failure.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain("Exception");
        return failure;
    }
}
