package org.glance4j.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.glance4j.ports.model.CachedImage;
import org.glance4j.ports.out.cache.CachedImageRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CachedImageRecords} must meet. Extend it and return fresh, empty records from
 * {@link #createRecords()} (called before each test). Times are microsecond-aligned, the finest every database keeps.
 */
public abstract class CachedImageRecordsContractTest {

    protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final String NODE = "node-a";
    private static final String OTHER_NODE = "node-b";
    private static final String IMAGE_1 = "11111111-1111-1111-1111-111111111111";
    private static final String IMAGE_2 = "22222222-2222-2222-2222-222222222222";
    private static final String IMAGE_3 = "33333333-3333-3333-3333-333333333333";

    protected CachedImageRecords records;

    protected abstract CachedImageRecords createRecords();

    @BeforeEach
    void setUpRecords() {
        records = createRecords();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aRecordedCopyHasNoHitsAndBothTimesAtItsStart() {
        records.recordCached(NODE, IMAGE_1, 1234, at(1));

        assertThat(records.cached(NODE)).containsExactly(new CachedImage(IMAGE_1, 0, at(1), at(1), 1234));
        assertThat(records.cached(OTHER_NODE)).isEmpty();
    }

    @Test
    void hitsCountAndMoveTheLastAccessOnly() {
        records.recordCached(NODE, IMAGE_1, 10, at(1));

        assertThat(records.recordHit(NODE, IMAGE_1, at(5))).isTrue();
        assertThat(records.recordHit(NODE, IMAGE_1, at(7))).isTrue();

        assertThat(records.cached(NODE)).containsExactly(new CachedImage(IMAGE_1, 2, at(7), at(1), 10));
        assertThat(records.recordHit(OTHER_NODE, IMAGE_1, at(8))).isFalse();
        assertThat(records.recordHit(NODE, IMAGE_2, at(8))).isFalse();
        assertThat(records.cached(OTHER_NODE)).isEmpty();
    }

    @Test
    void recordingAgainReplacesTheRecord() {
        records.recordCached(NODE, IMAGE_1, 10, at(1));
        records.recordHit(NODE, IMAGE_1, at(2));

        records.recordCached(NODE, IMAGE_1, 20, at(3));

        assertThat(records.cached(NODE)).containsExactly(new CachedImage(IMAGE_1, 0, at(3), at(3), 20));
    }

    @Test
    void theLeastRecentlyAccessedComesFirst() {
        records.recordCached(NODE, IMAGE_1, 1, at(1));
        records.recordCached(NODE, IMAGE_2, 2, at(2));
        records.recordCached(NODE, IMAGE_3, 3, at(3));
        records.recordHit(NODE, IMAGE_1, at(4));

        assertThat(records.cached(NODE)).extracting(CachedImage::imageId).containsExactly(IMAGE_2, IMAGE_3, IMAGE_1);
    }

    @Test
    void eachNodeKeepsItsOwnCopiesAndRemovesOnlyThose() {
        records.recordCached(NODE, IMAGE_1, 1, at(1));
        records.recordCached(NODE, IMAGE_2, 2, at(1));
        records.recordCached(OTHER_NODE, IMAGE_1, 1, at(1));

        assertThat(records.removeCached(NODE, IMAGE_1)).isTrue();
        assertThat(records.removeCached(NODE, IMAGE_1)).isFalse();
        assertThat(records.cached(NODE)).extracting(CachedImage::imageId).containsExactly(IMAGE_2);
        assertThat(records.cached(OTHER_NODE)).extracting(CachedImage::imageId).containsExactly(IMAGE_1);

        assertThat(records.removeAllCached(NODE)).isEqualTo(1);
        assertThat(records.removeAllCached(NODE)).isZero();
        assertThat(records.cached(OTHER_NODE)).hasSize(1);
    }

    @Test
    void theQueueKeepsOrderRefusesDuplicatesAndIsPerNode() {
        assertThat(records.enqueue(NODE, IMAGE_2, at(1))).isTrue();
        assertThat(records.enqueue(NODE, IMAGE_1, at(2))).isTrue();
        assertThat(records.enqueue(NODE, IMAGE_2, at(3))).isFalse();
        assertThat(records.enqueue(OTHER_NODE, IMAGE_3, at(1))).isTrue();

        assertThat(records.queued(NODE)).containsExactly(IMAGE_2, IMAGE_1);
        assertThat(records.dequeue(NODE, IMAGE_2)).isTrue();
        assertThat(records.dequeue(NODE, IMAGE_2)).isFalse();
        assertThat(records.queued(NODE)).containsExactly(IMAGE_1);

        assertThat(records.clearQueue(NODE)).isEqualTo(1);
        assertThat(records.queued(NODE)).isEmpty();
        assertThat(records.queued(OTHER_NODE)).containsExactly(IMAGE_3);
    }
}
