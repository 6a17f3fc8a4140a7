package org.glance4j.http;

import io.undertow.util.Headers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glance4j.ports.in.RangeRequest;

/**
 * The byte range a download asks for, read as Glance reads it ({@code get_range_from_request} over webob): the
 * {@code Range} header ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}; case-insensitive, spaces allowed,
 * anything after the first range ignored), or, when there is no {@code Range}, the legacy {@code Content-Range}
 * request header ({@code bytes a-b/total} or {@code bytes a-b/*}) that old clients send. Several ranges are 400;
 * a header that does not parse is 416. Checking the range against the image's size is the core's job, except
 * that a legacy range must end inside the image.
 *
 * <p>Parsing never throws: a bad header is kept as an {@link #error()} so that it is reported only after the
 * policy has allowed the download, in Glance's order.
 */
final class ByteRangeHeader {
    static final String MULTIPLE_RANGES = "Requests with multiple ranges are not supported in Glance. You may make "
            + "multiple single-range requests instead.";
    static final String INVALID_RANGE = "Invalid Range header.";
    static final String INVALID_CONTENT_RANGE = "Invalid Content-Range header.";

    private static final Pattern RANGE = Pattern.compile("bytes *= *(\\d*) *- *(\\d*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (?:(\\d+)-(\\d+)|[*])/(?:(\\d+)|[*])");

    private static final ByteRangeHeader NONE = new ByteRangeHeader(null, false, null);

    private final RangeRequest range;
    private final boolean legacy;
    private final HttpFailure error;

    private ByteRangeHeader(RangeRequest range, boolean legacy, HttpFailure error) {
        this.range = range;
        this.legacy = legacy;
        this.error = error;
    }

    /** Reads {@code Range}, else {@code Content-Range}, from the request. */
    static ByteRangeHeader of(ApiRequest request) {
        return parse(request.header(Headers.RANGE), request.header(Headers.CONTENT_RANGE));
    }

    static ByteRangeHeader parse(String rangeHeader, String contentRangeHeader) {
        if (rangeHeader != null) {
            return parseRange(rangeHeader);
        }
        if (contentRangeHeader != null) {
            return parseContentRange(contentRangeHeader);
        }
        return NONE;
    }

    private static ByteRangeHeader parseRange(String value) {
        if (value.indexOf(',') >= 0) {
            return failed(HttpFailure.badRequest(MULTIPLE_RANGES));
        }
        Matcher m = RANGE.matcher(value);
        if (!m.lookingAt() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return unsatisfiable(INVALID_RANGE);
        }
        if (m.group(1).isEmpty()) {
            long suffix = number(m.group(2));
            // a suffix of zero bytes selects nothing (RFC 9110 14.1.1); Glance would serve the whole image
            return suffix == 0
                    ? unsatisfiable(INVALID_RANGE)
                    : new ByteRangeHeader(RangeRequest.suffix(suffix), false, null);
        }
        long first = number(m.group(1));
        if (m.group(2).isEmpty()) {
            return new ByteRangeHeader(RangeRequest.from(first, null), false, null);
        }
        long last = number(m.group(2));
        if (first > last) {
            return unsatisfiable(INVALID_RANGE);
        }
        return new ByteRangeHeader(RangeRequest.from(first, last), false, null);
    }

    private static ByteRangeHeader parseContentRange(String value) {
        Matcher m = CONTENT_RANGE.matcher(value);
        if (!m.lookingAt() || m.group(1) == null) {
            return unsatisfiable(INVALID_CONTENT_RANGE);
        }
        long first = number(m.group(1));
        long last = number(m.group(2));
        if (first > last) {
            return unsatisfiable(INVALID_CONTENT_RANGE);
        }
        if (m.group(3) != null) {
            long length = number(m.group(3));
            if (last >= length) {
                return unsatisfiable(INVALID_CONTENT_RANGE);
            }
        }
        return new ByteRangeHeader(RangeRequest.from(first, last), true, null);
    }

    /** A decimal number; one too large for a {@code long} is {@link Long#MAX_VALUE}, past any image's end. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static ByteRangeHeader unsatisfiable(String message) {
        return failed(new HttpFailure(HttpStatus.RANGE_NOT_SATISFIABLE, message, java.util.Map.of()));
    }

    private static ByteRangeHeader failed(HttpFailure error) {
        return new ByteRangeHeader(null, false, error);
    }

    /** The range to ask the core for, or null for the whole image (also when the header is bad). */
    RangeRequest range() {
        return range;
    }

    /** Whether a range was asked for, well-formed or not. */
    boolean present() {
        return range != null || error != null;
    }

    /** Whether the range came from the legacy {@code Content-Range} request header. */
    boolean legacy() {
        return legacy;
    }

    /** The refusal of a bad header (without the size in {@code Content-Range}), or null. */
    HttpFailure error() {
        return error;
    }
}
