package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CachePolicy} on the wire: every answer that may depend on the caller says {@code Cache-Control: no-store},
 * whatever writes it (a resource, a download, the error responder, Undertow itself); the version document at
 * {@code /versions} may be kept by caches, and the data of an active public image may be kept by shared caches that
 * revalidate it before every use ({@code public, no-cache, must-revalidate}).
 */
class CachePolicyHttpTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final String FILE = "/v2/images/" + ID + "/file";
    private static final byte[] BYTES = GeneratedBytes.array(1000, 9);
    private static final String SHA = "cd".repeat(64);
    private static ServerFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(AuthMode.TRUSTED_HEADERS);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.images.failure = null;
        fx.data.reset();
        fx.data.image = FakeImageService.sampleImage().toBuilder()
                .status(ImageStatus.ACTIVE)
                .size(1000L)
                .checksum("0123456789abcdef0123456789abcdef")
                .osHashAlgo("sha512")
                .osHashValue(SHA)
                .build();
        fx.data.content = BYTES;
    }

    private static void assertNoStore(HttpHeaders headers, int status, int expectedStatus) {
        assertThat(status).isEqualTo(expectedStatus);
        assertThat(headers.allValues("cache-control")).containsExactly("no-store");
    }

    private static HttpResponse<byte[]> download(String... headers) {
        return fx.sendBytes("GET", FILE, HttpRequest.BodyPublishers.noBody(), TrustedHeaders.with(headers));
    }

    @Test
    void theVersionDocumentMayBeKept() {
        HttpResponse<String> r = fx.get("/versions");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().allValues("cache-control")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/images", "/v3/images"})
    void versionChoicesAreNotKeptSinceTheyFollowAccept(String path) {
        HttpResponse<String> r = fx.get(path);
        assertNoStore(r.headers(), r.statusCode(), 300);
    }

    @Test
    void recordsListsAndSchemasAreNotKept() {
        HttpResponse<String> record = fx.get("/v2/images/" + ID, TrustedHeaders.admin());
        assertNoStore(record.headers(), record.statusCode(), 200);
        HttpResponse<String> list = fx.get("/v2/images", TrustedHeaders.admin());
        assertNoStore(list.headers(), list.statusCode(), 200);
        HttpResponse<String> schema = fx.get("/v2/schemas/image", TrustedHeaders.admin());
        assertNoStore(schema.headers(), schema.statusCode(), 200);
        HttpResponse<String> redirect = fx.get("/v2", TrustedHeaders.admin());
        assertNoStore(redirect.headers(), redirect.statusCode(), 302);
    }

    @Test
    void errorsAreNotKept() {
        HttpResponse<String> anonymous = fx.get("/v2/images/" + ID);
        assertNoStore(anonymous.headers(), anonymous.statusCode(), 401);
        HttpResponse<String> unknownPath = fx.get("/v2/nothing", TrustedHeaders.admin());
        assertNoStore(unknownPath.headers(), unknownPath.statusCode(), 404);
        fx.images.failure = new GlanceException(ErrorCategory.NOT_FOUND, "No image found with ID " + ID);
        HttpResponse<String> notFound = fx.get("/v2/images/" + ID, TrustedHeaders.admin());
        assertNoStore(notFound.headers(), notFound.statusCode(), 404);
        fx.images.failure = new IllegalStateException("boom");
        HttpResponse<String> internal = fx.get("/v2/images/" + ID, TrustedHeaders.admin());
        assertNoStore(internal.headers(), internal.statusCode(), 500);
    }

    @Test
    void anErrorStatusUndertowSetsIsNotKept() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/images HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                            + "X-Identity-Status: Confirmed\r\nX-User-Id: u1\r\nX-Project-Id: p1\r\nX-Roles: admin\r\n"
                            + "Content-Length: 100\r\nContent-Type: application/json\r\n\r\n{\"na")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 400 ");
            assertThat(head.toLowerCase()).contains("\r\ncache-control: no-store\r\n");
        }
    }

    @Test
    void downloadsOfAnImageThatIsNotPublicAreNotKept() throws IOException {
        HttpResponse<byte[]> whole = download();
        assertNoStore(whole.headers(), whole.statusCode(), 200);
        assertThat(whole.body()).isEqualTo(BYTES);
        HttpResponse<byte[]> range = download("Range", "bytes=0-9");
        assertNoStore(range.headers(), range.statusCode(), 206);
        HttpResponse<byte[]> notModified = download("If-None-Match", "\"" + SHA + "\"");
        assertNoStore(notModified.headers(), notModified.statusCode(), 304);
        HttpResponse<byte[]> beyond = download("Range", "bytes=5000-");
        assertNoStore(beyond.headers(), beyond.statusCode(), 416);

        Path file = dir.resolve("image");
        Files.write(file, BYTES);
        fx.data.content = null;
        fx.data.file = file;
        HttpResponse<byte[]> sentFromFile = download();
        assertNoStore(sentFromFile.headers(), sentFromFile.statusCode(), 200);
        assertThat(sentFromFile.body()).isEqualTo(BYTES);

        fx.data.file = null;
        HttpResponse<byte[]> noData = download();
        assertNoStore(noData.headers(), noData.statusCode(), 204);
    }

    @Test
    void theDataOfAnActivePublicImageMayBeKeptIfRevalidatedEveryTime() throws IOException {
        fx.data.image = fx.data.image.toBuilder().visibility(Visibility.PUBLIC).build();
        HttpResponse<byte[]> whole = download();
        assertRevalidated(whole, 200);
        assertThat(whole.body()).isEqualTo(BYTES);
        assertRevalidated(download("Range", "bytes=0-9"), 206);
        assertRevalidated(download("If-None-Match", "\"" + SHA + "\""), 304);
        assertRevalidated(download("If-Modified-Since", "Sun, 01 Jan 2051 00:00:00 GMT"), 304);
        HttpResponse<byte[]> beyond = download("Range", "bytes=5000-");
        assertNoStore(beyond.headers(), beyond.statusCode(), 416);
        fx.data.failure = GlanceException.notFound("No image found with ID " + ID);
        HttpResponse<byte[]> gone = download("If-None-Match", "\"" + SHA + "\"");
        assertNoStore(gone.headers(), gone.statusCode(), 404);

        fx.data.failure = null;
        Path file = dir.resolve("public-image");
        Files.write(file, BYTES);
        fx.data.content = null;
        fx.data.file = file;
        assertRevalidated(download(), 200);
        assertRevalidated(download("Range", "bytes=-10"), 206);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PRIVATE", "SHARED", "COMMUNITY"})
    void theDataOfAnImageThatIsNotPublicIsNotKept(String visibility) {
        fx.data.image = fx.data.image.toBuilder()
                .visibility(Visibility.valueOf(visibility))
                .build();
        HttpResponse<byte[]> whole = download();
        assertNoStore(whole.headers(), whole.statusCode(), 200);
        assertThat(whole.headers().firstValue("etag")).hasValue("\"" + SHA + "\"");
        HttpResponse<byte[]> range = download("Range", "bytes=0-9");
        assertNoStore(range.headers(), range.statusCode(), 206);
        HttpResponse<byte[]> notModified = download("If-None-Match", "\"" + SHA + "\"");
        assertNoStore(notModified.headers(), notModified.statusCode(), 304);
    }

    @Test
    void theDataOfAPublicImageThatIsDeactivatedOrHasNoTagIsNotKept() {
        fx.data.image = fx.data.image.toBuilder()
                .visibility(Visibility.PUBLIC)
                .status(ImageStatus.DEACTIVATED)
                .build();
        HttpResponse<byte[]> deactivated = download(); // as an admin, the only one who may download it
        assertNoStore(deactivated.headers(), deactivated.statusCode(), 200);
        HttpResponse<byte[]> deactivatedCheck = download("If-None-Match", "\"" + SHA + "\"");
        assertNoStore(deactivatedCheck.headers(), deactivatedCheck.statusCode(), 304);

        fx.data.image = fx.data.image.toBuilder()
                .status(ImageStatus.ACTIVE)
                .checksum(null)
                .osHashAlgo(null)
                .osHashValue(null)
                .build();
        HttpResponse<byte[]> untagged = download();
        assertNoStore(untagged.headers(), untagged.statusCode(), 200);
        assertThat(untagged.headers().firstValue("etag")).isEmpty();

        fx.data.image = fx.data.image.toBuilder().status(ImageStatus.QUEUED).build();
        fx.data.content = null;
        HttpResponse<byte[]> noData = download();
        assertNoStore(noData.headers(), noData.statusCode(), 204);
    }

    private static void assertRevalidated(HttpResponse<byte[]> response, int expectedStatus) {
        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        assertThat(response.headers().allValues("cache-control")).containsExactly(CachePolicy.SHARED_IMAGE_DATA);
        assertThat(response.headers().allValues("etag")).containsExactly("\"" + SHA + "\"");
        assertThat(response.headers().allValues("last-modified")).containsExactly("Sat, 03 Jan 2026 04:05:06 GMT");
        assertThat(response.headers().allValues("vary")).isEmpty();
        assertThat(response.headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void writesAreNotKeptEither() {
        HttpResponse<byte[]> upload = fx.sendBytes(
                "PUT",
                FILE,
                HttpRequest.BodyPublishers.ofByteArray(BYTES),
                TrustedHeaders.with("Content-Type", "application/octet-stream"));
        assertNoStore(upload.headers(), upload.statusCode(), 204);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        byte[] buffer = new byte[4096];
        int n;
        while (head.indexOf("\r\n\r\n") < 0 && (n = in.read(buffer)) > 0) {
            head.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return head.toString();
    }
}
