package org.glance4j.ports.out.store.support;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;

/** The port's rules for a byte range of an object whose size the store knows. */
public final class ByteRanges {

    private ByteRanges() {}

    /**
     * How many bytes to serve for {@code range} of an object of {@code objectSize} bytes: the whole object for a
     * null range, else the range cut at the end of the object.
     *
     * @throws GlanceException {@code RANGE_NOT_SATISFIABLE}, naming the store, when the range starts at or past
     *                         the end (an empty object satisfies no range)
     */
    public static long servedLength(String storeId, ByteRange range, long objectSize) {
        if (range == null) {
            return objectSize;
        }
        if (range.offset() >= objectSize) {
            throw notSatisfiable(storeId, range, objectSize);
        }
        return Math.min(range.length(), objectSize - range.offset());
    }

    /** The offset to start at: 0 for a null range. */
    public static long start(ByteRange range) {
        return range == null ? 0 : range.offset();
    }

    /** The standard {@code RANGE_NOT_SATISFIABLE} refusal, naming the store. */
    public static GlanceException notSatisfiable(String storeId, ByteRange range, long objectSize) {
        return new GlanceException(
                ErrorCategory.RANGE_NOT_SATISFIABLE,
                "Range starts at byte " + range.offset() + " of image data of " + objectSize + " bytes in store '"
                        + storeId + "'");
    }
}
