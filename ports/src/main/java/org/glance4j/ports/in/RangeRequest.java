package org.glance4j.ports.in;

/**
 * One byte range a client asked for, before it is checked against the image's size: {@code first}-{@code last}
 * inclusive ({@code last} null: to the end), or the final {@code suffixLength} bytes ({@code first} null).
 */
public record RangeRequest(Long first, Long last, Long suffixLength) {
    public RangeRequest {
        if (first == null && suffixLength == null) {
            throw new IllegalArgumentException("a range needs a first byte or a suffix length");
        }
        if (first != null && suffixLength != null) {
            throw new IllegalArgumentException("a range has a first byte or a suffix length, not both");
        }
    }

    public static RangeRequest from(long first, Long last) {
        return new RangeRequest(first, last, null);
    }

    public static RangeRequest suffix(long length) {
        return new RangeRequest(null, null, length);
    }
}
