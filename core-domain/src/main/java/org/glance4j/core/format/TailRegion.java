package org.glance4j.core.format;

/**
 * The last {@code length} bytes of the stream, kept in a ring as bytes pass; complete once the stream ended and
 * the ring holds exactly its last bytes.
 */
final class TailRegion {
    private final byte[] ring;
    private long end = -1;
    private int count;

    TailRegion(int length) {
        this.ring = new byte[length];
    }

    /**
     * Takes {@code b[off..off+len)}, which sits at stream position {@code pos}. Bytes that extend or overlap what
     * the ring holds join it (the same stream position always holds the same byte, so the header a probe read
     * before it asked for the tail may be offered, then the read that overlaps it); bytes after a gap, or wholly
     * before what it holds, start it afresh.
     */
    void offer(byte[] b, int off, int len, long pos) {
        if (len <= 0) {
            return;
        }
        long last = pos + len;
        long first;
        if (count == 0 || pos > end || last < end - count) {
            first = pos;
            end = last;
        } else {
            first = Math.min(pos, end - count);
            end = Math.max(end, last);
        }
        count = (int) Math.min(ring.length, end - first);
        for (long at = Math.max(pos, end - ring.length); at < last; at++) {
            ring[(int) Math.floorMod(at, (long) ring.length)] = b[off + (int) (at - pos)];
        }
    }

    /** Whether the ring holds the whole tail of a stream of {@code total} bytes. */
    boolean complete(long total) {
        return end == total && count == ring.length;
    }

    int length() {
        return ring.length;
    }

    int held() {
        return ring.length;
    }

    /** The tail as one region (call only when complete). */
    Region asRegion() {
        Region region = new Region(end - ring.length, ring.length);
        byte[] linear = new byte[ring.length];
        for (int k = 0; k < ring.length; k++) {
            long at = end - ring.length + k;
            linear[k] = ring[(int) Math.floorMod(at, (long) ring.length)];
        }
        region.offer(linear, 0, linear.length, end - ring.length);
        return region;
    }
}
