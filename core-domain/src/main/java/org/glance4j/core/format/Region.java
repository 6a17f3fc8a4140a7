package org.glance4j.core.format;

import java.util.Arrays;

/**
 * A stretch of the stream that a probe wants to see: {@code length} bytes from {@code offset}, captured as they
 * pass. It only ever extends what it holds contiguously, so bytes offered out of order or twice are harmless, and
 * its buffer grows with what it holds, never past {@code length}.
 */
final class Region {
    private static final byte[] EMPTY = new byte[0];

    private final long offset;
    private int length;
    private byte[] data = EMPTY;
    private int filled;

    /** @throws IllegalArgumentException for a negative offset or length (the probes check offsets they parse) */
    Region(long offset, int length) {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("bad region " + offset + "+" + length);
        }
        this.offset = offset;
        this.length = length;
    }

    /** Takes from {@code b[off..off+len)}, which sits at stream position {@code pos}, what extends this region. */
    void offer(byte[] b, int off, int len, long pos) {
        if (filled >= length || len <= 0) {
            return;
        }
        long want = offset + filled;
        if (pos > want || pos + len <= want) {
            return;
        }
        int from = (int) (want - pos);
        int n = (int) Math.min((long) len - from, (long) length - filled);
        if (filled + n > data.length) {
            int capacity = (int) Math.min(length, Math.max((long) filled + n, Math.max(64L, 2L * data.length)));
            data = Arrays.copyOf(data, capacity);
        }
        System.arraycopy(b, off + from, data, filled, n);
        filled += n;
    }

    /** Offers what another region holds. */
    void offerFrom(Region source) {
        offer(source.data, 0, source.filled, source.offset);
    }

    /** Stops capturing: the region is complete with what it holds. */
    void stopHere() {
        length = filled;
        data = Arrays.copyOf(data, filled);
    }

    long offset() {
        return offset;
    }

    int filled() {
        return filled;
    }

    boolean complete() {
        return filled >= length;
    }

    /** The next stream position this region waits for, or -1 when complete. */
    long nextWanted() {
        return complete() ? -1 : offset + filled;
    }

    /** Bytes of heap this region holds. */
    int held() {
        return data.length;
    }

    boolean has(int index, int count) {
        return index >= 0 && count >= 0 && index <= filled - count;
    }

    int u8(int i) {
        check(i, 1);
        return data[i] & 0xFF;
    }

    int u16le(int i) {
        check(i, 2);
        return (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8;
    }

    int u16be(int i) {
        check(i, 2);
        return (data[i] & 0xFF) << 8 | (data[i + 1] & 0xFF);
    }

    long u32le(int i) {
        return u16le(i) | (long) u16le(i + 2) << 16;
    }

    long u32be(int i) {
        return (long) u16be(i) << 16 | u16be(i + 2);
    }

    /** An unsigned 64-bit value; values past {@link Long#MAX_VALUE} come out negative. */
    long u64le(int i) {
        return u32le(i) | u32le(i + 4) << 32;
    }

    long u64be(int i) {
        return u32be(i) << 32 | u32be(i + 4);
    }

    boolean startsWith(byte[] prefix) {
        return matchesAt(0, prefix);
    }

    boolean matchesAt(int index, byte[] expected) {
        if (!has(index, expected.length)) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (data[index + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    /** A copy of {@code count} bytes from {@code index}. */
    byte[] slice(int index, int count) {
        check(index, count);
        return Arrays.copyOfRange(data, index, index + count);
    }

    private void check(int index, int count) {
        if (!has(index, count)) {
            throw new NotThisFormatException(
                    "short read of " + count + " bytes at " + index + " (have " + filled + ")");
        }
    }
}
