package org.glance4j.ports.out.store;

/**
 * A byte range of a stored object: {@code length} bytes from {@code offset}. A range that runs past the end of
 * the object is cut at the end; one that starts at or past the end is refused by the store with
 * {@code RANGE_NOT_SATISFIABLE}.
 */
public record ByteRange(long offset, long length) {
    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
    }

    /** The offset of the last byte of the range, inclusive. */
    public long lastByte() {
        return offset + length - 1;
    }
}
