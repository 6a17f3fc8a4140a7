package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PUT} and {@code GET /v2/images/{id}/file}: upload, download and byte ranges, as real Glance answers. */
class ImageDataApiTest extends ImageDataSupport {
    private static final int SIZE = 5000;
    private final byte[] data = bytes(SIZE, 42);
    private String activeId;

    @BeforeAll
    void uploadOneImage() {
        activeId = activeImage(people.memberA, "private", data);
    }

    private BinaryResponse get(Map<String, String> headers) {
        return download(people.memberA, activeId, headers);
    }

    // ---- upload

    @Test
    void uploadAnswers204AndMakesTheImageActiveWithItsSizeAndHashes() {
        String id = queuedImage(people.memberA, "private");
        byte[] bytes = bytes(3000, 7);

        ApiResponse response = upload(people.memberA, id, bytes);

        assertThat(response.status()).as("%s", response).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        JsonNode image = show(people.memberA, id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(3000);
        assertThat(image.get("virtual_size").asLong()).isEqualTo(3000);
        assertThat(image.get("checksum").asText()).isEqualTo(hex("MD5", bytes));
        assertThat(image.get("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(image.get("os_hash_value").asText()).isEqualTo(hex("SHA-512", bytes));
    }

    @Test
    void aSecondUploadIsAConflictAndKeepsTheFirstBytes() {
        ApiResponse response = upload(people.memberA, activeId, bytes(100, 1));

        assertThat(response.status()).as("%s", response).isEqualTo(409);
        JsonNode image = show(people.memberA, activeId);
        assertThat(image.get("size").asLong()).isEqualTo(SIZE);
        assertThat(image.get("checksum").asText()).isEqualTo(hex("MD5", data));
        assertThat(get(Map.of()).bytes()).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/json", "application/x-www-form-urlencoded"})
    void anotherMediaTypeIsUnsupportedAndTheImageStaysQueued(String mediaType) {
        String id = queuedImage(people.memberA, "private");

        ApiResponse response =
                Api.as(people.memberA).putBytes("/v2/images/" + id + "/file", mediaType, bytes(100, 2), Map.of());

        assertThat(response.status()).as("%s", response).isEqualTo(415);
        assertThat(show(people.memberA, id).get("status").asText()).isEqualTo("queued");
    }

    @Test
    void anUploadWithoutMediaTypeIsUnsupported() {
        String id = queuedImage(people.memberA, "private");

        ApiResponse response =
                Api.as(people.memberA).putBytes("/v2/images/" + id + "/file", null, bytes(100, 2), Map.of());

        assertThat(response.status()).as("%s", response).isEqualTo(415);
        assertThat(show(people.memberA, id).get("status").asText()).isEqualTo("queued");
    }

    @Test
    void anUploadBeforeBothFormatsAreSetIsBadRequestAndTheImageStaysQueued() {
        String neither = create(people.memberA, body("name", unique("noformat")))
                .get("id")
                .asText();
        String diskOnly = create(people.memberA, body("name", unique("diskonly"), "disk_format", "raw"))
                .get("id")
                .asText();

        for (String id : new String[] {neither, diskOnly}) {
            ApiResponse response = upload(people.memberA, id, bytes(100, 3));

            assertThat(response.status()).as("%s", response).isEqualTo(400);
            assertThat(response.json().get("message").asText()).contains("container_format");
            JsonNode image = show(people.memberA, id);
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.get("size").isNull()).isTrue();
        }
    }

    @Test
    void aZeroByteUploadMakesAnActiveImageWithoutVirtualSize() {
        String id = queuedImage(people.memberA, "private");

        ApiResponse response = upload(people.memberA, id, new byte[0]);

        assertThat(response.status()).as("%s", response).isEqualTo(204);
        JsonNode image = show(people.memberA, id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isZero();
        assertThat(image.get("virtual_size").isNull()).as("%s", image).isTrue();
        assertThat(image.get("checksum").asText()).isEqualTo(hex("MD5", new byte[0]));
        assertThat(image.get("os_hash_value").asText()).isEqualTo(hex("SHA-512", new byte[0]));

        BinaryResponse download = download(people.memberA, id, Map.of());
        assertThat(download.status()).as("%s", download).isEqualTo(200);
        assertThat(download.bytes()).isEmpty();
        assertThat(download.header("Content-Length")).hasValue("0");
        assertThat(download.header("Content-MD5")).hasValue(hex("MD5", new byte[0]));
    }

    @Test
    void anUploadToADeletedImageIsNotFound() {
        String id = queuedImage(people.memberA, "private");
        assertThat(Api.as(people.memberA).delete("/v2/images/" + id).status()).isEqualTo(204);

        assertThat(upload(people.memberA, id, bytes(100, 4)).status()).isEqualTo(404);
    }

    @Test
    void anUploadToAnUnknownImageIsNotFound() {
        assertThat(upload(people.memberA, unknownId(), bytes(100, 4)).status()).isEqualTo(404);
    }

    /**
     * No store is named while there is no data, and no location is shown after an upload ({@code show_image_direct_url}
     * and {@code show_multiple_locations} are off by default). Whether {@code stores} appears after the upload depends
     * on {@code enabled_backends} (glance/api/v2/images.py:1782), which the reference Glance sets and the in-process
     * glance4j does not, so it is not asserted here.
     */
    @Test
    void noStoreWhileQueuedAndNoLocationOnceActive() {
        String id = queuedImage(people.memberA, "private");
        assertThat(show(people.memberA, id).has("stores")).isFalse();

        assertThat(upload(people.memberA, id, bytes(100, 8)).status()).isEqualTo(204);

        JsonNode image = show(people.memberA, id);
        assertThat(image.has("locations")).isFalse();
        assertThat(image.has("direct_url")).isFalse();
    }

    @Test
    void theListShowsTheUploadedImagesSizeAndHashes() {
        String id = queuedImage(people.memberA, "private");
        byte[] bytes = bytes(1234, 9);
        upload(people.memberA, id, bytes);

        JsonNode listed = Api.as(people.memberA)
                .get("/v2/images?id=" + id)
                .json()
                .get("images")
                .get(0);

        assertThat(listed.get("status").asText()).isEqualTo("active");
        assertThat(listed.get("size").asLong()).isEqualTo(1234);
        assertThat(listed.get("checksum").asText()).isEqualTo(hex("MD5", bytes));
        assertThat(listed.get("os_hash_value").asText()).isEqualTo(hex("SHA-512", bytes));
    }

    @Test
    void aMediaTypeWithParametersIsAccepted() {
        String id = queuedImage(people.memberA, "private");

        ApiResponse response = Api.as(people.memberA)
                .putBytes(
                        "/v2/images/" + id + "/file",
                        "application/octet-stream; charset=utf-8",
                        bytes(100, 10),
                        Map.of());

        assertThat(response.status()).as("%s", response).isEqualTo(204);
        assertThat(show(people.memberA, id).get("size").asLong()).isEqualTo(100);
    }

    @Test
    void aChunkedUploadWithoutLengthWorks() {
        String id = queuedImage(people.memberA, "private");
        byte[] bytes = bytes(70_000, 13);

        ApiResponse response = Api.as(people.memberA).putChunked("/v2/images/" + id + "/file", OCTET_STREAM, bytes);

        assertThat(response.status()).as("%s", response).isEqualTo(204);
        JsonNode image = show(people.memberA, id);
        assertThat(image.get("size").asLong()).isEqualTo(70_000);
        assertThat(image.get("checksum").asText()).isEqualTo(hex("MD5", bytes));
        assertThat(download(people.memberA, id, Map.of()).bytes()).isEqualTo(bytes);
    }

    @Test
    void aDeclaredSizeThatMatchesIsAccepted() {
        String id = queuedImage(people.memberA, "private");

        ApiResponse response = Api.as(people.memberA)
                .putBytes(
                        "/v2/images/" + id + "/file",
                        OCTET_STREAM,
                        bytes(100, 14),
                        Map.of("x-openstack-image-size", "100"));

        assertThat(response.status()).as("%s", response).isEqualTo(204);
        assertThat(show(people.memberA, id).get("size").asLong()).isEqualTo(100);
    }

    /**
     * Glance master refuses a size header that is not an integer: glance/api/v2/image_data.py:545-557
     * (RequestDeserializer._get_image_size); 25.1.0 ignores the header (204).
     */
    @Test
    @Tag(MASTER_DIFFERS)
    void aDeclaredSizeThatIsNoNumberIsBadRequest() {
        String id = queuedImage(people.memberA, "private");

        ApiResponse response = Api.as(people.memberA)
                .putBytes(
                        "/v2/images/" + id + "/file",
                        OCTET_STREAM,
                        bytes(100, 15),
                        Map.of("x-openstack-image-size", "abc"));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(show(people.memberA, id).get("status").asText()).isEqualTo("queued");
    }

    /**
     * Glance makes the image active with whatever arrived: the declared size goes to the store
     * (glance/location.py:485-521, _upload_to_store) and the file store never compares it with the bytes it wrote,
     * so a cut or padded upload is taken as the image. glance4j checks it (issue 4) and leaves the image queued.
     */
    @ParameterizedTest(name = "declared {0} for 100 bytes")
    @ValueSource(strings = {"10", "9000", "-5"})
    @Tag(GLANCE_BUG)
    void aDeclaredSizeThatDiffersFromTheBytesIsBadRequest(String declared) {
        String id = queuedImage(people.memberA, "private");

        ApiResponse response = Api.as(people.memberA)
                .putBytes(
                        "/v2/images/" + id + "/file",
                        OCTET_STREAM,
                        bytes(100, 16),
                        Map.of("x-openstack-image-size", declared));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        JsonNode image = show(people.memberA, id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("size").isNull()).isTrue();
        assertThat(upload(people.memberA, id, bytes(100, 16)).status()).isEqualTo(204);
    }

    @Test
    void anUploadToADeactivatedImageIsAConflict() {
        String id = activeImage(people.memberA, "private", bytes(100, 17));
        assertThat(action(people.memberA, id, "deactivate").status()).isEqualTo(204);

        ApiResponse response = upload(people.memberA, id, bytes(100, 18));

        assertThat(response.status()).as("%s", response).isEqualTo(409);
        assertThat(show(people.memberA, id).get("status").asText()).isEqualTo("deactivated");
    }

    @Test
    void aRefusedUploadLeavesTheImageReadyForAGoodOne() {
        String id = queuedImage(people.memberA, "private");
        byte[] bytes = bytes(500, 19);
        assertThat(Api.as(people.memberA)
                        .putBytes("/v2/images/" + id + "/file", "text/plain", bytes, Map.of())
                        .status())
                .isEqualTo(415);
        assertThat(upload(people.readerA, id, bytes).status()).isEqualTo(403);

        assertThat(upload(people.memberA, id, bytes).status()).isEqualTo(204);
        assertThat(download(people.memberA, id, Map.of()).bytes()).isEqualTo(bytes);
    }

    // ---- download

    @Test
    void downloadSendsTheBytesWithLengthTypeAndMd5() {
        BinaryResponse response = get(Map.of());

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.bytes()).isEqualTo(data);
        assertThat(response.header("Content-Length")).hasValue(Integer.toString(SIZE));
        assertThat(response.header("Content-Type")).hasValue(OCTET_STREAM);
        assertThat(response.header("Content-MD5")).hasValue(hex("MD5", data));
        assertThat(response.header("Content-Range")).isEmpty();
    }

    @Test
    void downloadOfAnImageWithoutDataIsNoContent() {
        String id = queuedImage(people.memberA, "private");

        BinaryResponse response = download(people.memberA, id, Map.of());

        assertThat(response.status()).as("%s", response).isEqualTo(204);
        assertThat(response.bytes()).isEmpty();
    }

    @Test
    void downloadOfAnUnknownImageIsNotFound() {
        assertThat(download(people.memberA, unknownId(), Map.of()).status()).isEqualTo(404);
    }

    @Test
    void headOnTheFileIsMethodNotAllowed() {
        ApiResponse response = Api.as(people.memberA).head("/v2/images/" + activeId + "/file");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow").orElse("")).contains("GET").contains("PUT");
    }

    @ParameterizedTest(name = "Range: {0}")
    @ValueSource(
            strings = {
                "bytes=0-0",
                "bytes=0-99",
                "bytes=100-199",
                "bytes=4999-4999",
                "bytes=-10",
                "bytes=4990-",
                "bytes=0-",
                "bytes=4000-9999",
                "bytes=-6000"
            })
    void aSingleRangeIsPartialContent(String range) {
        long[] expected = expectedRange(range);
        int first = (int) expected[0];
        int last = (int) expected[1];

        BinaryResponse response = get(Map.of("Range", range));

        assertThat(response.status()).as("%s", response).isEqualTo(206);
        assertThat(response.bytes()).isEqualTo(Arrays.copyOfRange(data, first, last + 1));
        assertThat(response.header("Content-Range")).hasValue("bytes " + first + "-" + last + "/" + SIZE);
        assertThat(response.header("Content-Length")).hasValue(Integer.toString(last - first + 1));
        assertThat(response.header("Content-Type")).hasValue(OCTET_STREAM);
        assertThat(response.header("Content-MD5")).hasValue(hex("MD5", data));
    }

    /** First and last byte of a single range of the 5000-byte image (a suffix, an open end or past the end). */
    private static long[] expectedRange(String range) {
        String spec = range.substring("bytes=".length());
        if (spec.startsWith("-")) {
            return new long[] {Math.max(0, SIZE - Long.parseLong(spec.substring(1))), SIZE - 1};
        }
        String[] parts = spec.split("-", -1);
        long first = Long.parseLong(parts[0]);
        long last = parts[1].isEmpty() ? SIZE - 1 : Math.min(Long.parseLong(parts[1]), SIZE - 1);
        return new long[] {first, last};
    }

    @Test
    void everyDownloadAnswerCarriesARequestId() {
        assertThat(get(Map.of()).header("X-Openstack-Request-Id").orElse("")).startsWith("req-");
        assertThat(get(Map.of("Range", "bytes=0-9"))
                        .header("X-Openstack-Request-Id")
                        .orElse(""))
                .startsWith("req-");
    }

    @Test
    void anyRangeOfAZeroByteImageIsNotSatisfiable() {
        String id = queuedImage(people.memberA, "private");
        upload(people.memberA, id, new byte[0]);

        BinaryResponse response = download(people.memberA, id, Map.of("Range", "bytes=0-0"));

        assertThat(response.status()).as("%s", response).isEqualTo(416);
    }

    @ParameterizedTest(name = "Range: {0}")
    @ValueSource(strings = {"bytes=5000-", "bytes=5000-5010", "bytes=9000-9999"})
    void aRangePastTheEndIsNotSatisfiable(String range) {
        BinaryResponse response = get(Map.of("Range", range));

        assertThat(response.status()).as("%s", response).isEqualTo(416);
    }

    @Test
    void aRangeWhoseStartIsAfterItsEndIsNotSatisfiable() {
        BinaryResponse response = get(Map.of("Range", "bytes=20-10"));

        assertThat(response.status()).as("%s", response).isEqualTo(416);
    }

    @Test
    void severalRangesAreBadRequest() {
        BinaryResponse response = get(Map.of("Range", "bytes=0-1,3-4"));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.asText().json().get("message").asText()).contains("multiple ranges");
    }

    @Test
    void theLegacyContentRangeRequestHeaderIsPartialContentToo() {
        BinaryResponse response = get(Map.of("Content-Range", "bytes 10-19/" + SIZE));

        assertThat(response.status()).as("%s", response).isEqualTo(206);
        assertThat(response.bytes()).isEqualTo(Arrays.copyOfRange(data, 10, 20));
        assertThat(response.header("Content-Range")).hasValue("bytes 10-19/" + SIZE);
        assertThat(response.header("Content-Length")).hasValue("10");
        assertThat(response.header("Content-MD5")).hasValue(hex("MD5", data));
    }

    @ParameterizedTest(name = "Range: {0}")
    @ValueSource(strings = {"bytes=abc", "bytes=", "items=0-9"})
    void aMalformedRangeIsNotSatisfiable(String range) {
        BinaryResponse response = get(Map.of("Range", range));

        assertThat(response.status()).as("%s", response).isEqualTo(416);
    }

    @ParameterizedTest(name = "Content-Range: {0}")
    @ValueSource(strings = {"bytes 10-6000/*", "bytes 5000-5001/*", "bytes 10-"})
    void aLegacyContentRangeOutsideTheImageOrMalformedIsNotSatisfiable(String contentRange) {
        BinaryResponse response = get(Map.of("Content-Range", contentRange));

        assertThat(response.status()).as("%s", response).isEqualTo(416);
    }

    /**
     * Glance answers 500: glance/common/wsgi.py:337 (Request.get_range_from_request) compares the range's start with
     * the image's size, which is None before an upload. Without a range the same image is 204.
     */
    @Test
    @Tag(GLANCE_BUG)
    void aRangeOnAnImageWithoutDataIsNoContent() {
        String id = queuedImage(people.memberA, "private");

        BinaryResponse response = download(people.memberA, id, Map.of("Range", "bytes=0-9"));

        assertThat(response.status()).as("%s", response).isEqualTo(204);
    }

    /**
     * Glance answers 500: glance/common/wsgi.py:355-361 (Request.get_range_from_request) compares the legacy
     * Content-Range with the image's size, which is None before an upload.
     */
    @Test
    @Tag(GLANCE_BUG)
    void aLegacyContentRangeOnAnImageWithoutDataIsNoContent() {
        String id = queuedImage(people.memberA, "private");

        BinaryResponse response = download(people.memberA, id, Map.of("Content-Range", "bytes 0-9/5000"));

        assertThat(response.status()).as("%s", response).isEqualTo(204);
    }

    /**
     * Glance checks the stop of a legacy Content-Range against the image only when the header's length is "*"
     * (glance/common/wsgi.py:355), so {@code bytes 10-6000/7000} on a 5000-byte image answers 206 with
     * {@code Content-Length: 5991} and then sends 4990 bytes: the client waits for bytes that never come.
     */
    @Test
    @Tag(GLANCE_BUG)
    void aLegacyContentRangeEndingPastTheImageIsNotSatisfiableWhateverItsLength() {
        BinaryResponse response = get(Map.of("Content-Range", "bytes 10-6000/7000"));

        assertThat(response.status()).as("%s", response).isEqualTo(416);
    }

    /**
     * Glance sends the whole image as 206 for a suffix of zero bytes: webob's Range.parse reads {@code -0} as start 0
     * (glance/common/wsgi.py:331). RFC 9110 section 14.1.2 makes a zero suffix-length unsatisfiable (416).
     */
    @Test
    @Tag(GLANCE_BUG)
    void aZeroLengthSuffixRangeIsNotSatisfiable() {
        BinaryResponse response = get(Map.of("Range", "bytes=-0"));

        assertThat(response.status()).as("%s", response).isEqualTo(416);
    }

    /**
     * An upload that is still arriving holds the image in {@code saving}: a second upload is a conflict, a download
     * finds no data yet (204), and the first upload then completes with its own bytes. The held upload is written on a
     * plain socket (HTTP/1.1, chunked), so that the test decides exactly when its bytes go out.
     */
    @Test
    void anUploadWhileAnotherIsRunningIsAConflict() throws Exception {
        String id = queuedImage(people.memberA, "private");
        byte[] first = bytes(20_000, 21);
        java.net.URI base = ApiTarget.baseUri();
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            java.io.OutputStream out = socket.getOutputStream();
            Persona who = people.memberA;
            String head = "PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "X-Identity-Status: Confirmed\r\nX-User-Id: " + who.userId() + "\r\nX-Project-Id: "
                    + who.projectId()
                    + "\r\nX-Tenant-Id: " + who.projectId() + "\r\nX-Roles: " + String.join(",", who.roles())
                    + "\r\nAccept: application/json\r\nContent-Type: " + OCTET_STREAM
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            writeChunk(out, first, 0, 4096);
            out.flush();

            awaitStatus(id, "saving");
            ApiResponse second = upload(people.memberA, id, bytes(100, 22));
            assertThat(second.status()).as("%s", second).isEqualTo(409);
            assertThat(download(people.memberA, id, Map.of()).status()).isEqualTo(204);

            writeChunk(out, first, 4096, first.length - 4096);
            out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String answer =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 204");
        }
        JsonNode image = show(people.memberA, id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("checksum").asText()).isEqualTo(hex("MD5", first));
        assertThat(download(people.memberA, id, Map.of()).bytes()).isEqualTo(first);
    }

    private static void writeChunk(java.io.OutputStream out, byte[] data, int offset, int length)
            throws java.io.IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(data, offset, length);
        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Waits (at most a minute, asserting nothing about time) until the image has the given status. */
    private void awaitStatus(String id, String status) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (status.equals(show(people.memberA, id).get("status").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(show(people.memberA, id).get("status").asText()).isEqualTo(status);
    }
}
