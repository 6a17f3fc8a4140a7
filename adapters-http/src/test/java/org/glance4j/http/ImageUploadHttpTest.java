package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PUT /v2/images/{id}/file}: media type, declared size, streamed bodies, and clients that go away. */
class ImageUploadHttpTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final String FILE = "/v2/images/" + ID + "/file";
    private static final byte[] BYTES = GeneratedBytes.array(200_000, 3);
    private static ServerFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.data.reset();
    }

    private static HttpResponse<String> put(HttpRequest.BodyPublisher body, String... headers) {
        HttpResponse<byte[]> r = fx.sendBytes("PUT", FILE, body, headers);
        return new StringResponse(r);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void octetStreamBodyReachesTheCoreWithContentLengthAsDeclaredSizeAnd204() throws Exception {
        HttpResponse<String> r =
                put(HttpRequest.BodyPublishers.ofByteArray(BYTES), "Content-Type", "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("x-openstack-request-id").orElseThrow())
                .startsWith("req-");
        FakeImageDataService.Upload upload = fx.data.awaitUpload();
        assertThat(upload.imageId()).isEqualTo(ID);
        assertThat(upload.declaredSize()).isEqualTo(BYTES.length);
        assertThat(upload.bytes()).isEqualTo(BYTES.length);
        assertThat(upload.sha256()).isEqualTo(sha256(BYTES));
    }

    @Test
    void chunkedBodyIsReadToItsEndWithoutADeclaredSize() throws Exception {
        HttpResponse<String> r = put(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(BYTES)),
                "Content-Type",
                "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(204);
        FakeImageDataService.Upload upload = fx.data.awaitUpload();
        assertThat(upload.declaredSize()).isEqualTo(-1);
        assertThat(upload.bytes()).isEqualTo(BYTES.length);
        assertThat(upload.sha256()).isEqualTo(sha256(BYTES));
    }

    @Test
    void openstackImageSizeHeaderIsTheDeclaredSize() throws Exception {
        put(
                HttpRequest.BodyPublishers.ofByteArray(BYTES),
                "Content-Type",
                "application/octet-stream",
                "x-openstack-image-size",
                " 12345 ");
        assertThat(fx.data.awaitUpload().declaredSize()).isEqualTo(12345);
        fx.data.reset();
        put(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(BYTES)),
                "Content-Type",
                "application/octet-stream",
                "x-openstack-image-size",
                String.valueOf(BYTES.length));
        assertThat(fx.data.awaitUpload().declaredSize()).isEqualTo(BYTES.length);
    }

    @Test
    void emptyBodyDeclaresNoSize() throws Exception {
        HttpResponse<String> r = put(HttpRequest.BodyPublishers.noBody(), "Content-Type", "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(204);
        FakeImageDataService.Upload upload = fx.data.awaitUpload();
        assertThat(upload.declaredSize()).isEqualTo(-1);
        assertThat(upload.bytes()).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"abc", "", "1.5", "-1", "99999999999999999999"})
    void badOpenstackImageSizeIs400BeforeTheCore(String size) {
        HttpResponse<String> r = put(
                HttpRequest.BodyPublishers.ofByteArray(BYTES),
                "Content-Type",
                "application/octet-stream",
                "x-openstack-image-size",
                size,
                "Accept",
                "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(r).get("message").asText()).isEqualTo(ImageFileResource.INVALID_SIZE);
        assertThat(fx.data.uploads).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"application/octet-stream; charset=binary", "Application/Octet-Stream"})
    void octetStreamWithParametersOrAnotherCaseIsAccepted(String type) throws Exception {
        assertThat(put(HttpRequest.BodyPublishers.ofByteArray(BYTES), "Content-Type", type)
                        .statusCode())
                .isEqualTo(204);
        assertThat(fx.data.awaitUpload().bytes()).isEqualTo(BYTES.length);
    }

    @Test
    void anyOtherMediaTypeIs415WithGlanceMessage() {
        HttpResponse<String> r = put(
                HttpRequest.BodyPublishers.ofByteArray(BYTES),
                "Content-Type",
                "application/json",
                "Accept",
                "application/json");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(ServerFixture.json(r).get("message").asText())
                .isEqualTo("The request media type "
                        + "application/json is not supported by this server. Invalid content type application/json");
        HttpResponse<String> none = put(HttpRequest.BodyPublishers.ofByteArray(BYTES), "Accept", "application/json");
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(ServerFixture.json(none).get("message").asText()).endsWith("Invalid content type None");
        assertThat(fx.data.uploads).isEmpty();
    }

    @Test
    void coreRefusalsKeepTheirStatusAndTheConnectionStaysUsable() {
        fx.data.failure = GlanceException.conflict("Image status transition from active to saving is not allowed");
        HttpResponse<String> r = put(
                HttpRequest.BodyPublishers.ofByteArray(BYTES),
                "Content-Type",
                "application/octet-stream",
                "Accept",
                "application/json");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(ServerFixture.json(r).get("message").asText()).startsWith("Image status transition");
        fx.data.failure = GlanceException.tooLarge("The incoming image is too large");
        assertThat(put(HttpRequest.BodyPublishers.ofByteArray(BYTES), "Content-Type", "application/octet-stream")
                        .statusCode())
                .isEqualTo(413);
        fx.data.failure = null;
        assertThat(put(HttpRequest.BodyPublishers.ofByteArray(BYTES), "Content-Type", "application/octet-stream")
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    void clientThatDisconnectsMidwayWithContentLengthBreaksTheCoresRead() throws Exception {
        sendPartOfAnUploadAndLeave("Content-Length: 10485760\r\n", new byte[1024 * 1024]);
        FakeImageDataService.Upload upload = fx.data.awaitUpload();
        assertThat(upload.failure()).isInstanceOf(IOException.class);
        assertThat(upload.bytes()).isLessThanOrEqualTo(1024 * 1024);
        assertThat(upload.declaredSize()).isEqualTo(10485760);
        serverStillAnswers();
    }

    @Test
    void clientThatDisconnectsMidwayThroughAChunkedBodyBreaksTheCoresRead() throws Exception {
        byte[] chunk = ("100000\r\n" + "x".repeat(0x100000) + "\r\n8000\r\n" + "y".repeat(100))
                .getBytes(StandardCharsets.US_ASCII);
        sendPartOfAnUploadAndLeave("Transfer-Encoding: chunked\r\n", chunk);
        FakeImageDataService.Upload upload = fx.data.awaitUpload();
        assertThat(upload.failure()).isInstanceOf(IOException.class);
        assertThat(upload.declaredSize()).isEqualTo(-1);
        serverStillAnswers();
    }

    @Test
    void expectContinueGetsA100ThenThe204() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + FILE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: " + BYTES.length + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 100 ");
            out.write(BYTES);
            out.flush();
            assertThat(readHead(in)).startsWith("HTTP/1.1 204 ");
        }
        assertThat(fx.data.awaitUpload().sha256()).isEqualTo(sha256(BYTES));
    }

    @Test
    void expectContinueRefusedBeforeTheBodyGetsTheRefusalWithoutA100() throws Exception {
        fx.data.failure = GlanceException.conflict("Image status transition from active to saving is not allowed");
        for (String type : new String[] {"text/plain", "application/octet-stream"}) {
            try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
                socket.setSoTimeout(60_000);
                socket.getOutputStream()
                        .write(("PUT " + FILE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                                        + "\r\nContent-Length: 104857600\r\nExpect: 100-continue\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                assertThat(readHead(socket.getInputStream()))
                        .startsWith(type.startsWith("text") ? "HTTP/1.1 415 " : "HTTP/1.1 409 ");
            }
        }
    }

    /** The status line and headers of one answer. */
    private static String readHead(java.io.InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (b.length() < 4 || !b.substring(b.length() - 4).equals("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static void sendPartOfAnUploadAndLeave(String lengthHeader, byte[] part) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + FILE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                            + lengthHeader + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.flush();
        }
    }

    private static void serverStillAnswers() throws Exception {
        fx.data.reset();
        assertThat(put(HttpRequest.BodyPublishers.ofByteArray(BYTES), "Content-Type", "application/octet-stream")
                        .statusCode())
                .isEqualTo(204);
        assertThat(fx.data.awaitUpload().sha256()).isEqualTo(sha256(BYTES));
    }

    /** A byte answer seen as text, so the JSON helpers of the fixture apply. */
    private record StringResponse(HttpResponse<byte[]> raw) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return raw.statusCode();
        }

        @Override
        public HttpRequest request() {
            return raw.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return raw.headers();
        }

        @Override
        public String body() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return raw.sslSession();
        }

        @Override
        public java.net.URI uri() {
            return raw.uri();
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return raw.version();
        }
    }
}
