package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.RangeRequest;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /v2/images/{id}/file}: headers, every range form, conditional requests, both body paths. */
class ImageDownloadHttpTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final String FILE = "/v2/images/" + ID + "/file";
    private static final byte[] BYTES = GeneratedBytes.array(1000, 7);
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String SHA = "ab".repeat(64);
    private static ServerFixture fx;

    @TempDir
    static Path dir;

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
        fx.images.failure = null;
        fx.data.image = FakeImageService.sampleImage().toBuilder()
                .status(ImageStatus.ACTIVE)
                .size(1000L)
                .checksum(MD5)
                .osHashAlgo("sha512")
                .osHashValue(SHA)
                .build();
        fx.data.content = BYTES;
    }

    private static HttpResponse<byte[]> get(String... headers) {
        return fx.sendBytes("GET", FILE, HttpRequest.BodyPublishers.noBody(), headers);
    }

    private static void serveFromFile() throws IOException {
        Path file = dir.resolve("image-" + System.nanoTime());
        Files.write(file, BYTES);
        fx.data.content = null;
        fx.data.file = file;
    }

    @Test
    void wholeImageHasGlanceHeadersAndTheBytes() throws InterruptedException {
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BYTES);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(r.headers().firstValue("content-length")).hasValue("1000");
        assertThat(r.headers().firstValue("content-md5")).hasValue(MD5);
        assertThat(r.headers().firstValue("etag")).hasValue("\"" + SHA + "\"");
        assertThat(r.headers().firstValue("accept-ranges")).hasValue("bytes");
        assertThat(r.headers().firstValue("content-range")).isEmpty();
        assertThat(r.headers().firstValue("x-openstack-request-id").orElseThrow())
                .startsWith("req-");
        assertThat(fx.data.downloadRanges).containsExactly((RangeRequest) null);
        assertThat(fx.data.opened).hasSize(1);
        assertThat(fx.data.awaitAllClosed()).isTrue();
    }

    @Test
    void wholeImageFromAFileRegionIsSentWithoutReadingThroughTheHeapAndClosed() throws Exception {
        serveFromFile();
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BYTES);
        TestFileRegionStream region = (TestFileRegionStream) fx.data.opened.get(0);
        assertThat(region.bytesReadThroughHeap).hasValue(0);
        assertThat(region.awaitClosed()).isTrue();
    }

    @Test
    void etagFallsBackToTheChecksumAndIsAbsentWithoutEither() {
        fx.data.image =
                fx.data.image.toBuilder().osHashAlgo(null).osHashValue(null).build();
        assertThat(get().headers().firstValue("etag")).hasValue("\"" + MD5 + "\"");
        fx.data.image = fx.data.image.toBuilder().checksum(null).build();
        HttpResponse<byte[]> r = get();
        assertThat(r.headers().firstValue("etag")).isEmpty();
        assertThat(r.headers().firstValue("content-md5")).isEmpty();
        assertThat(r.body()).isEqualTo(BYTES);
    }

    @Test
    void imageWithoutDataIs204EvenWithARange() {
        fx.data.content = null;
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(get("Range", "bytes=0-4").statusCode()).isEqualTo(204);
        assertThat(get("If-None-Match", "*").statusCode()).isEqualTo(204);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bytes=0-0|0|0",
                "bytes=999-999|999|999",
                "bytes=0-999|0|999",
                "bytes=10-19|10|19",
                "bytes=990-|990|999",
                "bytes=0-|0|999",
                "bytes=-10|990|999",
                "bytes=-1000|0|999",
                "bytes=-5000|0|999",
                "bytes=500-5000|500|999",
                "bytes=0-99999999999999999999999|0|999",
                "BYTES = 2 - 4|2|4",
                "bytes=2-4 trailing|2|4",
            })
    void singleRangeIs206WithContentRangeAndTheImageChecksum(String range, int first, int last) throws IOException {
        for (boolean fromFile : new boolean[] {false, true}) {
            reset();
            if (fromFile) {
                serveFromFile();
            }
            HttpResponse<byte[]> r = get("Range", range);
            assertThat(r.statusCode()).as(range).isEqualTo(206);
            assertThat(r.body()).isEqualTo(Arrays.copyOfRange(BYTES, first, last + 1));
            assertThat(r.headers().firstValue("content-range")).hasValue("bytes " + first + "-" + last + "/1000");
            assertThat(r.headers().firstValue("content-length")).hasValue(String.valueOf(last - first + 1));
            assertThat(r.headers().firstValue("content-md5")).hasValue(MD5);
            assertThat(r.headers().firstValue("etag")).hasValue("\"" + SHA + "\"");
            assertThat(r.headers().firstValue("accept-ranges")).hasValue("bytes");
            assertThat(fx.data.opened).hasSize(1);
        }
    }

    @Test
    void rangesArePassedToTheCoreAsParsed() {
        get("Range", "bytes=3-9");
        get("Range", "bytes=3-");
        get("Range", "bytes=-9");
        assertThat(fx.data.downloadRanges)
                .containsExactly(RangeRequest.from(3, 9L), RangeRequest.from(3, null), RangeRequest.suffix(9));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "bytes=1000-",
                "bytes=1000-1000",
                "bytes=99999999999999999999-",
                "bytes=5-3",
                "bytes=-0",
                "bytes=",
                "bytes=-",
                "garbage",
                "items=0-1",
                ""
            })
    void unsatisfiableOrUnparsableRangeIs416WithTheSize(String range) throws InterruptedException {
        HttpResponse<String> r = fx.get(FILE, "Range", range, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("content-range")).hasValue("bytes */1000");
        assertThat(ServerFixture.json(r).get("message").asText()).isNotBlank();
        assertThat(fx.data.awaitAllClosed()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"bytes=0-1,3-4", "bytes=0-1, 5-", "bytes=,", "x,y"})
    void severalRangesAre400(String range) {
        HttpResponse<String> r = fx.get(FILE, "Range", range, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(r).get("message").asText()).isEqualTo(ByteRangeHeader.MULTIPLE_RANGES);
    }

    @Test
    void policyRefusalComesBeforeARangeError() {
        fx.data.failure = GlanceException.forbidden("The requested image has been deactivated.");
        assertThat(fx.get(FILE, "Range", "bytes=0-1,3-4").statusCode()).isEqualTo(403);
        assertThat(fx.get(FILE, "Range", "bytes=2000-").statusCode()).isEqualTo(403);
        fx.data.failure = GlanceException.notFound("No image found with ID x");
        assertThat(fx.get(FILE, "Range", "garbage").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {"bytes 2-5/1000|2|5", "bytes 2-5/*|2|5", "bytes 999-999/1000|999|999", "bytes 0-999/*|0|999"})
    void legacyContentRangeRequestHeaderIs206(String contentRange, int first, int last) {
        HttpResponse<byte[]> r = get("Content-Range", contentRange);
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(BYTES, first, last + 1));
        assertThat(r.headers().firstValue("content-range")).hasValue("bytes " + first + "-" + last + "/1000");
        assertThat(r.headers().firstValue("content-md5")).hasValue(MD5);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "bytes 990-1005/*",
                "bytes 1000-1001/*",
                "bytes */1000",
                "bytes */*",
                "bytes 5-2/10",
                "bytes 0-10/5",
                "Bytes 0-1/10",
                "0-1/10"
            })
    void badLegacyContentRangeIs416(String contentRange) {
        HttpResponse<byte[]> r = get("Content-Range", contentRange);
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("content-range")).hasValue("bytes */1000");
    }

    @Test
    void rangeWinsOverContentRange() {
        HttpResponse<byte[]> r = get("Range", "bytes=1-2", "Content-Range", "bytes 5-9/*");
        assertThat(r.headers().firstValue("content-range")).hasValue("bytes 1-2/1000");
    }

    @Test
    void zeroByteImage() throws IOException {
        fx.data.content = new byte[0];
        fx.data.image = fx.data.image.toBuilder().size(0L).build();
        HttpResponse<byte[]> whole = get();
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEmpty();
        assertThat(whole.headers().firstValue("content-length")).hasValue("0");
        assertThat(whole.headers().firstValue("content-md5")).hasValue(MD5);
        for (String range : new String[] {"bytes=0-", "bytes=0-0", "bytes=-5"}) {
            HttpResponse<byte[]> r = get("Range", range);
            assertThat(r.statusCode()).as(range).isEqualTo(416);
            assertThat(r.headers().firstValue("content-range")).hasValue("bytes */0");
        }
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        fx.data.content = null;
        fx.data.file = empty;
        assertThat(get().statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\"" + "ab" + "\"", "*", "W/\"TAG\"", "\"zz\", \"TAG\"", "TAG"})
    void ifNoneMatchWithOurTagIs304WithTheTagAndNoBody(String template) {
        String header = template.replace("TAG", SHA).replace("\"ab\"", "\"" + SHA + "\"");
        HttpResponse<byte[]> r = get("If-None-Match", header);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("etag")).hasValue("\"" + SHA + "\"");
        assertThat(r.headers().firstValue("last-modified")).hasValue("Sat, 03 Jan 2026 04:05:06 GMT");
        assertThat(fx.data.checked).containsExactly(ID);
        assertThat(fx.data.opened).as("a 304 does not open the image's data").isEmpty();
        assertThat(fx.data.downloadRanges).isEmpty();
        assertThat(get("If-None-Match", header, "Range", "bytes=0-1").statusCode())
                .isEqualTo(304);
        assertThat(get("If-None-Match", header, "Range", "bytes=5000-").statusCode())
                .isEqualTo(304);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "Sat, 03 Jan 2026 04:05:06 GMT",
                "Saturday, 03-Jan-26 04:05:06 GMT",
                "Sat Jan  3 04:05:06 2026",
                "Sun, 01 Jan 2051 00:00:00 GMT"
            })
    void ifModifiedSinceTheLastChangeOrLaterIs304WithoutOpeningTheData(String date) {
        HttpResponse<byte[]> r = get("If-Modified-Since", date);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("etag")).hasValue("\"" + SHA + "\"");
        assertThat(r.headers().firstValue("last-modified")).hasValue("Sat, 03 Jan 2026 04:05:06 GMT");
        assertThat(fx.data.opened).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Sat, 03 Jan 2026 04:05:05 GMT", "not a date", ""})
    void ifModifiedSinceBeforeTheLastChangeOrUnreadableServesTheImage(String date) {
        HttpResponse<byte[]> r = get("If-Modified-Since", date);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BYTES);
        assertThat(r.headers().firstValue("last-modified")).hasValue("Sat, 03 Jan 2026 04:05:06 GMT");
    }

    @Test
    void ifNoneMatchOutranksIfModifiedSince() {
        HttpResponse<byte[]> r =
                get("If-None-Match", "\"other\"", "If-Modified-Since", "Sun, 01 Jan 2051 00:00:00 GMT");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BYTES);
    }

    @Test
    void aConditionalDownloadOfAnImageWithoutDataIs204() {
        fx.data.content = null;
        assertThat(get("If-Modified-Since", "Sun, 01 Jan 2051 00:00:00 GMT").statusCode())
                .isEqualTo(204);
        assertThat(get("If-None-Match", "*").statusCode()).isEqualTo(204);
    }

    @Test
    void aConditionalDownloadChecksTheCallerFirst() {
        fx.data.failure = GlanceException.forbidden(
                "The requested image has been deactivated. Image data download " + "is forbidden.");
        assertThat(get("If-None-Match", "\"" + SHA + "\"").statusCode()).isEqualTo(403);
        assertThat(get("If-Modified-Since", "Sun, 01 Jan 2051 00:00:00 GMT").statusCode())
                .isEqualTo(403);
        assertThat(fx.data.checked).hasSize(2);
    }

    @Test
    void ifNoneMatchWithAnotherTagServesTheImage() {
        HttpResponse<byte[]> r = get("If-None-Match", "\"" + MD5 + "\"");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BYTES);
        HttpResponse<byte[]> ranged = get("If-None-Match", "\"other\"", "Range", "bytes=1-3");
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(BYTES, 1, 4));
    }

    @Test
    void ifRangeWithTheCurrentTagHonoursTheRange() throws IOException, InterruptedException {
        serveFromFile();
        HttpResponse<byte[]> r = get("If-Range", "\"" + SHA + "\"", "Range", "bytes=10-19");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(BYTES, 10, 20));
        assertThat(fx.data.opened).hasSize(2);
        assertThat(fx.data.awaitAllClosed()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\"other\"", "W/\"" + "TAG" + "\"", "Tue, 15 Nov 1994 08:12:31 GMT"})
    void ifRangeWithAnythingElseServesTheWholeImage(String template) {
        HttpResponse<byte[]> r = get("If-Range", template.replace("TAG", SHA), "Range", "bytes=10-19");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BYTES);
        assertThat(r.headers().firstValue("content-range")).isEmpty();
        assertThat(get("If-Range", "\"other\"", "Range", "bytes=5000-").statusCode())
                .isEqualTo(200);
    }

    @Test
    void headAndOtherMethodsAre405() {
        for (String method : new String[] {"HEAD", "POST", "DELETE", "PATCH"}) {
            HttpResponse<byte[]> r = fx.sendBytes(method, FILE, HttpRequest.BodyPublishers.noBody());
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("allow")).hasValue("GET, PUT");
        }
        assertThat(fx.data.downloadRanges).isEmpty();
    }

    @Test
    void getWithABodyIs400() {
        HttpResponse<String> r = fx.send("GET", FILE, "{}", "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fx.data.downloadRanges).isEmpty();
    }

    @Test
    void sourceFailingMidwayCutsTheAnswerShortAndTheServerGoesOn() throws Exception {
        fx.data.failDownloadAfter = 100;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.client.send(
                        HttpRequest.newBuilder(fx.uri(FILE)).build(), HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
        assertThat(fx.data.awaitAllClosed()).isTrue();
        fx.data.failDownloadAfter = -1;
        assertThat(get().body()).isEqualTo(BYTES);
    }

    @Test
    void coreFailuresKeepTheirStatus() {
        fx.data.failure = GlanceException.notFound("No image found with ID " + ID);
        assertThat(get().statusCode()).isEqualTo(404);
    }

    @Test
    void unknownSubresourceIs404() {
        assertThat(fx.get("/v2/images/" + ID + "/files").statusCode()).isEqualTo(404);
        assertThat(fx.get("/v2/images/" + ID + "/file/x").statusCode()).isEqualTo(404);
    }
}
