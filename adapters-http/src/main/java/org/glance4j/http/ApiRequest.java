package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;

/** One API call after version negotiation and identity: the exchange, who asks, and the decoded path. */
final class ApiRequest {
    /** The largest request body read, in bytes; larger ones are refused before they are parsed. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    /** The largest refused body that is still read to its end before the refusal. */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    /**
     * Undertow's own limit on request bodies, switched off: glance4j bounds record bodies here and image bytes in the
     * core ({@code image_size_cap}). Undertow 2.3.25 refuses fixed-length bodies over 2 MiB by default, and 2.3.27
     * reads the -1 that used to mean "no limit" as a limit of -1 bytes on a chunked body.
     */
    static final long NO_ENTITY_LIMIT = Long.MAX_VALUE;

    private static final Set<String> BODY_ENCODINGS = Set.of("chunked", "compress", "deflate", "gzip", "identity");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final HttpServerExchange exchange;
    private final RequestContext context;
    private final List<String> segments;

    ApiRequest(HttpServerExchange exchange, RequestContext context, List<String> segments) {
        this.exchange = exchange;
        this.context = context;
        this.segments = segments;
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    RequestContext context() {
        return context;
    }

    String method() {
        return exchange.getRequestMethod().toString();
    }

    /** A decoded path segment after {@code /v2}. */
    String segment(int index) {
        return segments.get(index);
    }

    /** How many decoded path segments follow {@code /v2}. */
    int segmentCount() {
        return segments.size();
    }

    String header(HttpString name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Whether the request carries a body, judged as Glance's deserializer judges it. */
    boolean hasBody() {
        long length = exchange.getRequestContentLength();
        if (length > 0) {
            return true;
        }
        String encoding = header(Headers.TRANSFER_ENCODING);
        return encoding != null
                && BODY_ENCODINGS.contains(encoding.trim().toLowerCase(Locale.ROOT))
                && BODY_METHODS.contains(method());
    }

    /** Refuses a body where the operation takes none, as Glance's {@code body_reject} routes do. */
    void rejectBody() {
        if (hasBody()) {
            throw GlanceException.invalid("A body is not expected with this request.");
        }
    }

    /**
     * The whole body, refusing one over {@link #MAX_BODY_BYTES}; a body that cannot be read (a broken chunked
     * encoding, a connection cut short) is the client's fault, so it is refused with 400 too. The body of a record
     * call was already read on the I/O thread ({@link RequestBodyReceiver}); any other is read here, blocking.
     */
    byte[] readBody() {
        RequestBody received = exchange.getAttachment(RequestBody.KEY);
        if (received != null) {
            return switch (received.outcome()) {
                case READ -> received.bytes();
                case TOO_LARGE -> throw tooLarge();
                case UNREADABLE -> throw GlanceException.invalid("The request body could not be read.");
            };
        }
        try {
            return readLimited();
        } catch (IOException e) {
            exchange.setPersistent(false);
            throw GlanceException.invalid("The request body could not be read.");
        }
    }

    private byte[] readLimited() throws IOException {
        long declared = exchange.getRequestContentLength();
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        InputStream in = exchange.getInputStream();
        if (declared > MAX_BODY_BYTES) {
            refuseDeclaredTooLarge(in, declared);
        }
        if (declared >= 0) {
            return in.readNBytes((int) declared);
        }
        byte[] buf = new byte[4096];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > MAX_BODY_BYTES) {
                    exchange.setPersistent(false);
                    throw tooLarge();
                }
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_BODY_BYTES + 1));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return Arrays.copyOf(buf, n);
            }
            n += r;
        }
    }

    /**
     * Refuses a body whose declared length passes the limit. A body up to {@link #DRAIN_LIMIT} bytes is read and
     * dropped first, so that the client, still sending, reads the refusal instead of a reset connection; a bigger
     * one closes the connection after the answer.
     */
    private void refuseDeclaredTooLarge(InputStream in, long declared) throws IOException {
        if (declared <= DRAIN_LIMIT) {
            in.transferTo(OutputStream.nullOutputStream());
        } else {
            exchange.setPersistent(false);
        }
        throw tooLarge();
    }

    private static GlanceException tooLarge() {
        return GlanceException.invalid("The request body is larger than the limit of " + MAX_BODY_BYTES + " bytes.");
    }

    /** {@code scheme://host[:port]} as the client addressed this server. */
    String hostUrl() {
        return hostUrl(exchange);
    }

    static String hostUrl(HttpServerExchange exchange) {
        return exchange.getRequestScheme() + "://" + exchange.getHostAndPort();
    }
}
