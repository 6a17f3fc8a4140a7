package org.glance4j.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ring that keeps a stream's last bytes, offered the ways the stream and the path inspection offer them. */
class TailRegionTest {

    /** Stream position {@code p} holds byte {@code p % 251}, so every byte says where it sat. */
    private static byte[] stream(long from, int length) {
        byte[] b = new byte[length];
        for (int k = 0; k < length; k++) {
            b[k] = (byte) ((from + k) % 251);
        }
        return b;
    }

    private static void offer(TailRegion tail, long from, int length) {
        tail.offer(stream(from, length), 0, length, from);
    }

    private static void assertHoldsTheLastBytesOf(TailRegion tail, long total) {
        assertThat(tail.complete(total)).isTrue();
        Region region = tail.asRegion();
        assertThat(region.offset()).isEqualTo(total - tail.length());
        assertThat(region.slice(0, tail.length())).isEqualTo(stream(total - tail.length(), tail.length()));
    }

    @Test
    void bytesThatOverlapWhatItHoldsJoinIt() {
        TailRegion tail = new TailRegion(16);
        offer(tail, 0, 10);
        offer(tail, 3, 13);
        assertHoldsTheLastBytesOf(tail, 16);
    }

    @Test
    void aReadThatBeganBeforeTheTailWasAskedForCompletesItWithTheHeaderOfferedFirst() {
        TailRegion tail = new TailRegion(16);
        offer(tail, 0, 8); // the header read so far
        offer(tail, 7, 1); // the read that completed it, offered again
        for (long at = 8; at < 16; at++) {
            offer(tail, at, 1);
        }
        assertHoldsTheLastBytesOf(tail, 16);
    }

    @Test
    void aGapStartsItAfresh() {
        TailRegion tail = new TailRegion(16);
        offer(tail, 0, 12);
        offer(tail, 20, 10);
        assertThat(tail.complete(30)).isFalse();
        offer(tail, 14, 16); // the path inspection's read of the last bytes
        assertHoldsTheLastBytesOf(tail, 30);
    }

    @Test
    void aLongReadKeepsOnlyItsLastBytes() {
        TailRegion tail = new TailRegion(16);
        offer(tail, 0, 5);
        offer(tail, 5, 100);
        assertHoldsTheLastBytesOf(tail, 105);
    }

    @Test
    void aShortStreamNeverCompletesIt() {
        TailRegion tail = new TailRegion(16);
        offer(tail, 0, 15);
        assertThat(tail.complete(15)).isFalse();
    }
}
