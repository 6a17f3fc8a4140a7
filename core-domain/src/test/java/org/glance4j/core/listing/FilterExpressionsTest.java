package org.glance4j.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.assertFails;

import java.time.Instant;
import org.glance4j.ports.error.ErrorCategory;
import org.junit.jupiter.api.Test;

class FilterExpressionsTest {

    @Test
    void operators() {
        assertThat(FilterExpressions.splitOperator("abc")).isEqualTo(new FilterExpressions.OpValue("eq", "abc"));
        assertThat(FilterExpressions.splitOperator("in:a,b")).isEqualTo(new FilterExpressions.OpValue("in", "a,b"));
        assertThat(FilterExpressions.splitOperator("2026-01-01T10:00:00Z"))
                .isEqualTo(new FilterExpressions.OpValue("eq", "2026-01-01T10:00:00Z"));
        assertThat(FilterExpressions.splitOperator("gte:2026-01-01T10:00:00Z"))
                .isEqualTo(new FilterExpressions.OpValue("gte", "2026-01-01T10:00:00Z"));
    }

    @Test
    void quotedLists() {
        assertThat(FilterExpressions.splitList("a,b")).containsExactly("a", "b");
        assertThat(FilterExpressions.splitList("\"a,b\",c")).containsExactly("a,b", "c");
        assertThat(FilterExpressions.splitList("a,,b")).containsExactly("a", "", "b");
        assertFails(ErrorCategory.INVALID, "no comma before", () -> FilterExpressions.splitList("a\"b\""));
        assertFails(ErrorCategory.INVALID, "no comma after", () -> FilterExpressions.splitList("\"a\"b"));
        assertFails(ErrorCategory.INVALID, "not closed", () -> FilterExpressions.splitList("\"a"));
    }

    @Test
    void isoTimes() {
        assertThat(IsoTimes.parse("2026-01-02")).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(IsoTimes.parse("2026-01-02T03:04:05Z")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(IsoTimes.parse("2026-01-02T03:04:05.5+02:00")).isEqualTo(Instant.parse("2026-01-02T01:04:05.5Z"));
        assertThat(IsoTimes.parse("2026-01-02T03:04")).isEqualTo(Instant.parse("2026-01-02T03:04:00Z"));
        assertThat(IsoTimes.parse("20260102T030405Z")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(IsoTimes.parse("yesterday")).isNull();
        assertThat(IsoTimes.parse("2026-13-01")).isNull();
    }
}
