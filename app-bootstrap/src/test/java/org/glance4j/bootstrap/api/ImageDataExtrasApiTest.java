package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What glance4j adds to downloads and Glance does not send at all (glance/api/v2/image_data.py
 * ResponseSerializer.download sets only Content-Type, Content-Range, Content-MD5 and Content-Length): an
 * {@code ETag} for the image's bytes, {@code Accept-Ranges}, {@code If-None-Match} (304) and {@code If-Range}.
 * Tagged {@value #GLANCE4J_EXTRA}, so runs against real Glance exclude it.
 */
@Tag(ImageDataExtrasApiTest.GLANCE4J_EXTRA)
class ImageDataExtrasApiTest extends ImageDataSupport {
    /** Tag of tests of glance4j behaviour that Glance lacks (not a Glance bug: Glance simply has no such feature). */
    static final String GLANCE4J_EXTRA = "glance4j-extra";

    private final byte[] data = bytes(3000, 5);
    private String id;
    private String etag;

    @BeforeAll
    void uploadOneImage() {
        id = activeImage(people.memberA, "private", data);
        etag = download(people.memberA, id, Map.of()).header("ETag").orElseThrow();
    }

    @Test
    void theETagIsAStrongQuotedTagStableAcrossDownloadsAndReaders() {
        BinaryResponse first = download(people.memberA, id, Map.of());
        BinaryResponse second = download(people.adminA, id, Map.of());

        assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(first.header("ETag")).hasValue(etag);
        assertThat(second.header("ETag")).hasValue(etag);
        assertThat(first.header("Accept-Ranges")).hasValue("bytes");
    }

    @Test
    void imagesWithOtherBytesHaveOtherTagsAndTheSameBytesTheSameTag() {
        String other = activeImage(people.memberA, "private", bytes(3000, 6));
        String twin = activeImage(people.memberA, "private", data);

        assertThat(download(people.memberA, other, Map.of()).header("ETag").orElseThrow())
                .isNotEqualTo(etag);
        assertThat(download(people.memberA, twin, Map.of()).header("ETag")).hasValue(etag);
    }

    @Test
    void partialAnswersCarryTheSameTag() {
        BinaryResponse response = download(people.memberA, id, Map.of("Range", "bytes=0-9"));

        assertThat(response.status()).isEqualTo(206);
        assertThat(response.header("ETag")).hasValue(etag);
    }

    @Test
    void aMatchingIfNoneMatchIsNotModifiedWithoutBody() {
        BinaryResponse response = download(people.memberA, id, Map.of("If-None-Match", etag));

        assertThat(response.status()).as("%s", response).isEqualTo(304);
        assertThat(response.bytes()).isEmpty();
        assertThat(response.header("ETag")).hasValue(etag);
    }

    @Test
    void aWeakOrListedOrStarIfNoneMatchMatchesToo() {
        assertThat(download(people.memberA, id, Map.of("If-None-Match", "W/" + etag))
                        .status())
                .isEqualTo(304);
        assertThat(download(people.memberA, id, Map.of("If-None-Match", "\"other\", " + etag))
                        .status())
                .isEqualTo(304);
        assertThat(download(people.memberA, id, Map.of("If-None-Match", "*")).status())
                .isEqualTo(304);
    }

    @Test
    void anotherIfNoneMatchGetsTheWholeImage() {
        BinaryResponse response = download(people.memberA, id, Map.of("If-None-Match", "\"other\""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bytes()).isEqualTo(data);
    }

    @Test
    void ifNoneMatchDoesNotBypassThePolicy() {
        assertThat(download(people.readerA, id, Map.of("If-None-Match", etag)).status())
                .isEqualTo(403);
        assertThat(download(people.memberB, id, Map.of("If-None-Match", etag)).status())
                .isEqualTo(404);
    }

    @Test
    void aMatchingIfRangeGetsTheRange() {
        BinaryResponse response = download(people.memberA, id, Map.of("Range", "bytes=100-199", "If-Range", etag));

        assertThat(response.status()).as("%s", response).isEqualTo(206);
        assertThat(response.bytes()).isEqualTo(Arrays.copyOfRange(data, 100, 200));
        assertThat(response.header("Content-Range")).hasValue("bytes 100-199/3000");
    }

    @Test
    void aStaleIfRangeGetsTheWholeImage() {
        for (String stale : new String[] {"\"other\"", "W/" + etag, "Mon, 23 Nov 2026 10:00:00 GMT"}) {
            BinaryResponse response = download(people.memberA, id, Map.of("Range", "bytes=100-199", "If-Range", stale));

            assertThat(response.status())
                    .as("If-Range: %s -> %s", stale, response)
                    .isEqualTo(200);
            assertThat(response.bytes()).isEqualTo(data);
            assertThat(response.header("Content-Range")).isEmpty();
        }
    }

    @Test
    void anImageWithoutDataHasNoTagAndIsNoContentEvenForAStarIfNoneMatch() {
        String queued = queuedImage(people.memberA, "private");

        BinaryResponse response = download(people.memberA, queued, Map.of("If-None-Match", "*"));

        assertThat(response.status()).as("%s", response).isEqualTo(204);
        assertThat(response.header("ETag")).isEmpty();
    }
}
