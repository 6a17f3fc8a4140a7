package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.TimeUnit;

/**
 * The longest a transfer's blocking read or write waits for its client ({@code client_socket_timeout}). The
 * {@link ApiHandler} attaches it to every exchange; an exchange without it waits Glance's default 900 s.
 */
final class ClientTimeout {
    private static final AttachmentKey<Long> NANOS = AttachmentKey.create(Long.class);
    private static final long DEFAULT_NANOS = ConnectionLimits.DEFAULT_CLIENT_SOCKET_TIMEOUT.toNanos();

    private ClientTimeout() {}

    /** Attaches the timeout of {@code limits}; zero (wait forever) becomes {@link Long#MAX_VALUE}. */
    static void attach(HttpServerExchange exchange, ConnectionLimits limits) {
        long nanos = limits.clientSocketTimeout().isZero()
                ? Long.MAX_VALUE
                : limits.clientSocketTimeout().toNanos();
        exchange.putAttachment(NANOS, nanos);
    }

    /** The timeout in nanoseconds, {@link Long#MAX_VALUE} for none. */
    static long nanos(HttpServerExchange exchange) {
        Long nanos = exchange.getAttachment(NANOS);
        return nanos == null ? DEFAULT_NANOS : nanos;
    }

    /** The timeout as words for a log line or an exception message. */
    static String describe(long nanos) {
        return nanos == Long.MAX_VALUE ? "ever" : TimeUnit.NANOSECONDS.toMillis(nanos) / 1000.0 + " seconds";
    }
}
