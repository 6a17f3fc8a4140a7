package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.glance4j.ports.in.RangeRequest;
import org.junit.jupiter.api.Test;

/** The parsing rules of {@link ByteRangeHeader} and {@link EntityTag} that the HTTP tests do not reach. */
class ByteRangeHeaderTest {

    @Test
    void leadingZerosAndHugeNumbers() {
        assertThat(ByteRangeHeader.parse("bytes=007-0009", null).range()).isEqualTo(RangeRequest.from(7, 9L));
        assertThat(ByteRangeHeader.parse("bytes=0-99999999999999999999", null).range())
                .isEqualTo(RangeRequest.from(0, Long.MAX_VALUE));
        assertThat(ByteRangeHeader.parse("bytes=-99999999999999999999", null).range())
                .isEqualTo(RangeRequest.suffix(Long.MAX_VALUE));
    }

    @Test
    void noHeaderIsNoRange() {
        ByteRangeHeader none = ByteRangeHeader.parse(null, null);
        assertThat(none.present()).isFalse();
        assertThat(none.range()).isNull();
        assertThat(none.error()).isNull();
    }

    @Test
    void legacyContentRangeIsMarked() {
        ByteRangeHeader legacy = ByteRangeHeader.parse(null, "bytes 1-2/10");
        assertThat(legacy.legacy()).isTrue();
        assertThat(legacy.range()).isEqualTo(RangeRequest.from(1, 2L));
        assertThat(ByteRangeHeader.parse("bytes=1-2", "bytes 3-4/10").legacy()).isFalse();
    }

    @Test
    void errorsAreKeptNotThrown() {
        ByteRangeHeader several = ByteRangeHeader.parse("bytes=1-2,4-5", null);
        assertThat(several.present()).isTrue();
        assertThat(several.error().status().code()).isEqualTo(400);
        assertThat(ByteRangeHeader.parse("bytes=9-1", null).error().status().code())
                .isEqualTo(416);
        assertThat(ByteRangeHeader.parse(null, "bytes 1-2").error().getMessage())
                .isEqualTo(ByteRangeHeader.INVALID_CONTENT_RANGE);
    }

    @Test
    void entityTagComparisons() {
        String tag = "\"abc\"";
        assertThat(EntityTag.noneMatchMatches("\"x\" , W/\"abc\"", tag)).isTrue();
        assertThat(EntityTag.noneMatchMatches("abc", tag)).isTrue();
        assertThat(EntityTag.noneMatchMatches("\"abcd\"", tag)).isFalse();
        assertThat(EntityTag.noneMatchMatches("*", null)).isTrue();
        assertThat(EntityTag.noneMatchMatches("\"abc\"", null)).isFalse();
        assertThat(EntityTag.ifRangeMatches(" \"abc\" ", tag)).isTrue();
        assertThat(EntityTag.ifRangeMatches("W/\"abc\"", tag)).isFalse();
        assertThat(EntityTag.ifRangeMatches("\"abc\"", null)).isFalse();
    }
}
