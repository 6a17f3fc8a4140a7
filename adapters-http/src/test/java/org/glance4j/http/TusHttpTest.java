package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.glance4j.ports.model.TusUpload;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tus 1.0.0 protocol on a real Undertow: every status and header of {@code /v2/images/{id}/tus} and of an
 * upload's URL, in front of a fake service that keeps byte counts.
 */
class TusHttpTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final String TUS = "/v2/images/" + ID + "/tus";
    private static final byte[] BYTES = GeneratedBytes.array(100, 3);
    private static final String OFFSET_STREAM = "application/offset+octet-stream";
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
        fx.tus.reset();
    }

    private static HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        return fx.sendBytes(
                method,
                path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body),
                headers);
    }

    private static List<String> withTus(String... headers) {
        List<String> all = new ArrayList<>(List.of("Tus-Resumable", "1.0.0"));
        all.addAll(List.of(headers));
        return all;
    }

    private static HttpResponse<byte[]> tus(String method, String path, byte[] body, String... headers) {
        return send(method, path, body, withTus(headers).toArray(String[]::new));
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** Creates an upload of {@code length} bytes and returns its path. */
    private static String create(long length, String... headers) {
        List<String> all = new ArrayList<>(List.of("Upload-Length", Long.toString(length)));
        all.addAll(List.of(headers));
        HttpResponse<byte[]> r = tus("POST", TUS, null, all.toArray(String[]::new));
        assertThat(r.statusCode()).isEqualTo(201);
        return java.net.URI.create(header(r, "Location")).getPath();
    }

    private static HttpResponse<byte[]> patch(String path, long offset, byte[] body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type", OFFSET_STREAM, "Upload-Offset", "" + offset));
        all.addAll(List.of(headers));
        return tus("PATCH", path, body, all.toArray(String[]::new));
    }

    private static String b64(String algorithm, byte[] data) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void optionsAnnouncesTheProtocolWithoutTusResumable() {
        HttpResponse<byte[]> r = send("OPTIONS", TUS, null);

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(header(r, "Tus-Version")).isEqualTo("1.0.0");
        assertThat(header(r, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(header(r, "Tus-Extension"))
                .isEqualTo("creation,creation-with-upload,termination,checksum,concatenation,expiration");
        assertThat(header(r, "Tus-Max-Size")).isEqualTo(Long.toString(FakeTusService.MAX));
        assertThat(header(r, "Tus-Checksum-Algorithm")).isEqualTo("md5,sha1,sha256,sha512");
    }

    @Test
    void aRequestWithoutOrWithAnotherTusResumableIs412NamingTheVersion() {
        HttpResponse<byte[]> missing = send("POST", TUS, null, "Upload-Length", "10");
        HttpResponse<byte[]> other = send("POST", TUS, null, "Upload-Length", "10", "Tus-Resumable", "0.2.2");

        for (HttpResponse<byte[]> r : List.of(missing, other)) {
            assertThat(r.statusCode()).isEqualTo(412);
            assertThat(header(r, "Tus-Version")).isEqualTo("1.0.0");
        }
        assertThat(fx.tus.lastCreation).isNull();
    }

    @Test
    void creationAnswers201WithAnAbsoluteLocationAndKeepsWhatTheClientSaid() throws Exception {
        HttpResponse<byte[]> r = tus(
                "POST",
                TUS,
                null,
                "Upload-Length",
                "100",
                "Upload-Metadata",
                "filename ZGlzay5pbWc=",
                "Content-MD5",
                b64("MD5", BYTES));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "Location")).isEqualTo(fx.uri(TUS) + "/up-1");
        assertThat(header(r, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(header(r, "Upload-Expires")).isEqualTo("Tue, 8 Dec 2026 10:00:00 GMT");
        assertThat(header(r, "Upload-Offset")).as("no body, no offset").isNull();
        assertThat(fx.tus.lastCreation.length()).isEqualTo(100);
        assertThat(fx.tus.lastCreation.kind()).isEqualTo(TusUpload.Kind.WHOLE);
        assertThat(fx.tus.lastCreation.metadata()).isEqualTo("filename ZGlzay5pbWc=");
        assertThat(fx.tus.lastCreation.stated()).hasSize(1);
        assertThat(fx.tus.lastCreation.stated().get(0).source()).isEqualTo("Content-MD5");
    }

    @Test
    void creationWithUploadAnswersTheOffset() {
        HttpResponse<byte[]> r =
                tus("POST", TUS, new byte[] {1, 2, 3, 4}, "Upload-Length", "100", "Content-Type", OFFSET_STREAM);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(header(r, "Upload-Offset")).isEqualTo("4");
        assertThat(fx.tus.offsets.get("up-1")).isEqualTo(4);
    }

    @Test
    void creationRefusals() {
        assertThat(tus("POST", TUS, null).statusCode()).as("no Upload-Length").isEqualTo(400);
        assertThat(tus("POST", TUS, null, "Upload-Length", "-1").statusCode()).isEqualTo(400);
        assertThat(tus("POST", TUS, null, "Upload-Defer-Length", "1").statusCode())
                .isEqualTo(400);
        HttpResponse<byte[]> tooLarge = tus("POST", TUS, null, "Upload-Length", "" + (FakeTusService.MAX + 1));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(header(tooLarge, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(tus("POST", TUS, new byte[] {1}, "Upload-Length", "10", "Content-Type", "text/plain")
                        .statusCode())
                .isEqualTo(415);
        assertThat(tus("POST", TUS, null, "Upload-Length", "10", "Upload-Concat", "bogus")
                        .statusCode())
                .isEqualTo(400);
        assertThat(tus("GET", TUS, null).statusCode()).isEqualTo(405);
    }

    @Test
    void headTellsTheOffsetLengthAndExpiryAndIsNotCached() {
        String upload = create(100, "Upload-Metadata", "filename ZGlzay5pbWc=");
        patch(upload, 0, new byte[30]);

        HttpResponse<byte[]> r = tus("HEAD", upload, null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Upload-Offset")).isEqualTo("30");
        assertThat(header(r, "Upload-Length")).isEqualTo("100");
        assertThat(header(r, "Upload-Metadata")).isEqualTo("filename ZGlzay5pbWc=");
        assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
        assertThat(header(r, "Upload-Expires")).isEqualTo("Tue, 8 Dec 2026 10:00:00 GMT");
        assertThat(header(r, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(tus("HEAD", TUS + "/unknown", null).statusCode()).isEqualTo(404);
    }

    @Test
    void patchAppendsAtTheOffsetAndAnswersTheNewOne() {
        String upload = create(100);

        HttpResponse<byte[]> first = patch(upload, 0, java.util.Arrays.copyOf(BYTES, 60));
        HttpResponse<byte[]> second = patch(upload, 60, java.util.Arrays.copyOfRange(BYTES, 60, 100));

        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(header(first, "Upload-Offset")).isEqualTo("60");
        assertThat(header(first, "Upload-Expires")).isNotNull();
        assertThat(second.statusCode()).isEqualTo(204);
        assertThat(header(second, "Upload-Offset")).isEqualTo("100");
    }

    @Test
    void patchRefusals() {
        String upload = create(100);
        patch(upload, 0, new byte[10]);

        assertThat(patch(upload, 5, new byte[10]).statusCode())
                .as("offset mismatch")
                .isEqualTo(409);
        assertThat(tus("PATCH", upload, new byte[10], "Content-Type", "application/octet-stream", "Upload-Offset", "10")
                        .statusCode())
                .isEqualTo(415);
        assertThat(tus("PATCH", upload, new byte[10], "Content-Type", OFFSET_STREAM)
                        .statusCode())
                .as("no Upload-Offset")
                .isEqualTo(400);
        assertThat(patch(upload, 10, new byte[91]).statusCode())
                .as("past the length")
                .isEqualTo(400);
        assertThat(patch(TUS + "/unknown", 0, new byte[1]).statusCode()).isEqualTo(404);
        assertThat(tus("PUT", upload, new byte[1]).statusCode()).isEqualTo(405);
        assertThat(fx.tus.offsets.get("up-1")).isEqualTo(10);
    }

    @Test
    void aChunkChecksumThatDiffersIs460AndAnUnknownAlgorithm400() throws Exception {
        String upload = create(100);
        byte[] chunk = java.util.Arrays.copyOf(BYTES, 50);

        HttpResponse<byte[]> wrong = patch(upload, 0, chunk, "Upload-Checksum", "sha1 " + b64("SHA-1", new byte[1]));
        HttpResponse<byte[]> unknown = patch(upload, 0, chunk, "Upload-Checksum", "crc32 AAAAAA==");
        HttpResponse<byte[]> malformed = patch(upload, 0, chunk, "Upload-Checksum", "sha1");

        assertThat(wrong.statusCode()).isEqualTo(460);
        assertThat(header(wrong, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(fx.tus.offsets.get("up-1")).isZero();
        for (String algorithm : List.of("MD5", "SHA-256", "SHA-512")) {
            String name = algorithm.toLowerCase().replace("-", "");
            long offset = fx.tus.offsets.get("up-1");
            byte[] piece = java.util.Arrays.copyOfRange(BYTES, (int) offset, (int) offset + 10);
            assertThat(patch(upload, offset, piece, "Upload-Checksum", name + " " + b64(algorithm, piece))
                            .statusCode())
                    .as(name)
                    .isEqualTo(204);
        }
        assertThat(fx.tus.offsets.get("up-1")).isEqualTo(30);
    }

    @Test
    void xHttpMethodOverrideOnAPostIsTheMethodMeant() {
        String upload = create(100);

        HttpResponse<byte[]> r = tus(
                "POST",
                upload,
                new byte[20],
                "X-HTTP-Method-Override",
                "PATCH",
                "Content-Type",
                OFFSET_STREAM,
                "Upload-Offset",
                "0");
        HttpResponse<byte[]> deleted = tus("POST", upload, null, "X-HTTP-Method-Override", "DELETE");

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(header(r, "Upload-Offset")).isEqualTo("20");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(fx.tus.lastTerminated).isEqualTo("up-1");
    }

    @Test
    void deleteTerminatesTheUpload() {
        String upload = create(100);

        HttpResponse<byte[]> r = tus("DELETE", upload, null);

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(header(r, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(fx.tus.lastTerminated).isEqualTo("up-1");
        assertThat(tus("HEAD", upload, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aFinalUploadNamesItsPartialsByAbsoluteOrPathUrl() {
        String first = create(10, "Upload-Concat", "partial");
        String second = create(20, "Upload-Concat", "partial");
        assertThat(tus("HEAD", first, null).headers().firstValue("Upload-Concat"))
                .contains("partial");

        HttpResponse<byte[]> created = tus("POST", TUS, null, "Upload-Concat", "final;" + first + " " + fx.uri(second));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(fx.tus.lastCreation.kind()).isEqualTo(TusUpload.Kind.FINAL);
        assertThat(fx.tus.lastCreation.partials()).containsExactly("up-1", "up-2");
        String finalPath = java.net.URI.create(header(created, "Location")).getPath();
        HttpResponse<byte[]> incomplete = tus("HEAD", finalPath, null);
        assertThat(incomplete.statusCode()).isEqualTo(200);
        assertThat(header(incomplete, "Upload-Offset"))
                .as("partials incomplete")
                .isNull();
        assertThat(header(incomplete, "Upload-Length")).isEqualTo("30");
        assertThat(header(incomplete, "Upload-Concat")).isEqualTo("final;" + first + " " + second);
        assertThat(patch(finalPath, 0, new byte[1]).statusCode()).isEqualTo(403);

        patch(first, 0, new byte[10]);
        patch(second, 0, new byte[20]);
        assertThat(header(tus("HEAD", finalPath, null), "Upload-Offset")).isEqualTo("30");
    }

    @Test
    void aFinalNamingAnotherImagesUploadIs400() {
        HttpResponse<byte[]> r = tus(
                "POST", TUS, null, "Upload-Concat", "final;/v2/images/99999999-2222-3333-4444-555555555555/tus/up-1");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fx.tus.lastCreation).isNull();
    }
}
