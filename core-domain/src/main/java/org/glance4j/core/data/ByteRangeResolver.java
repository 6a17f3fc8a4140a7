package org.glance4j.core.data;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.RangeRequest;
import org.glance4j.ports.out.store.ByteRange;

/**
 * Resolves a client's range against an image's size as HTTP does (RFC 9110, 14.1.2): a last byte past the end is
 * cut to the end; a first byte at or after the end, a last byte before the first, an empty suffix, or any range
 * of a zero-byte image is not satisfiable; a suffix longer than the image means the whole image.
 */
final class ByteRangeResolver {

    private ByteRangeResolver() {}

    static ByteRange resolve(RangeRequest range, long size) {
        if (size <= 0) {
            throw notSatisfiable(size);
        }
        if (range.first() == null) {
            long suffix = range.suffixLength();
            if (suffix <= 0) {
                throw notSatisfiable(size);
            }
            long length = Math.min(suffix, size);
            return new ByteRange(size - length, length);
        }
        long first = range.first();
        if (first < 0 || first >= size) {
            throw notSatisfiable(size);
        }
        long last = range.last() == null ? size - 1 : range.last();
        if (last < first) {
            throw notSatisfiable(size);
        }
        last = Math.min(last, size - 1);
        return new ByteRange(first, last - first + 1);
    }

    private static GlanceException notSatisfiable(long size) {
        return new GlanceException(
                ErrorCategory.RANGE_NOT_SATISFIABLE,
                "Requested range not satisfiable: the image has " + size + " bytes.");
    }
}
