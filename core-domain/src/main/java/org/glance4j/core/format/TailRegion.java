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

    /** Takes {@code b[off..off+len)}, which sits at stream position {@code pos}. */
    void offer(byte[] b, int off, int len, long pos) {
        if (len <= 0) {
            return;
        }
        if (pos != end) {
            count = 0;
        }
        int n = Math.min(len, ring.length);
        int start = off + len - n;
        for (int k = 0; k < n; k++) {
            long at = pos + len - n + k;
            ring[(int) Math.floorMod(at, (long) ring.length)] = b[start + k];
        }
        count = (int) Math.min(ring.length, (long) count + len);
        end = pos + len;
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
