package org.glance4j.http;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * What one client connection may cost the server, so that slow, stalled or hostile clients cost connections, never
 * the threads that serve everybody else.
 *
 * @param clientSocketTimeout  how long the server waits for a client that sends or reads nothing, as Glance's
 *                             {@code client_socket_timeout}: a connection with no request yet or between requests
 *                             is closed after it, a request body (a JSON document or an upload) that stops coming
 *                             fails after it, and a download whose client stops reading is cut after it.
 *                             {@link Duration#ZERO} waits forever, as Glance's 0 does
 * @param requestHeaderTimeout the time a client has to send a request's line and headers once it has begun them;
 *                             the connection is closed when it runs out (slowloris). Zero waits forever
 * @param maxConnections       the most connections open at once; beyond it the server accepts no more until some
 *                             close (new clients wait in the listen backlog). Every transfer (upload, staging,
 *                             download) holds one of them and gets its own thread, up to this many
 */
public record ConnectionLimits(Duration clientSocketTimeout, Duration requestHeaderTimeout, int maxConnections) {

    /** Glance's default {@code client_socket_timeout}. */
    public static final Duration DEFAULT_CLIENT_SOCKET_TIMEOUT = Duration.ofSeconds(900);
    /** The default time a client has to send its request line and headers. */
    public static final Duration DEFAULT_REQUEST_HEADER_TIMEOUT = Duration.ofSeconds(60);
    /** The default connection cap where the open-file limit allows it. */
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    /** File descriptors kept for everything that is not a client connection (database, stores, jars, logs). */
    static final long RESERVED_FILE_DESCRIPTORS = 256;

    public ConnectionLimits {
        Objects.requireNonNull(clientSocketTimeout, "clientSocketTimeout");
        Objects.requireNonNull(requestHeaderTimeout, "requestHeaderTimeout");
        if (clientSocketTimeout.isNegative() || requestHeaderTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        if (clientSocketTimeout.toMillis() > Integer.MAX_VALUE || requestHeaderTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeouts must be shorter than " + Integer.MAX_VALUE + " ms");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
    }

    /** Glance's 900 s socket timeout, 60 s for headers, and {@link #defaultMaxConnections()}. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(
                DEFAULT_CLIENT_SOCKET_TIMEOUT, DEFAULT_REQUEST_HEADER_TIMEOUT, defaultMaxConnections());
    }

    /**
     * {@link #DEFAULT_MAX_CONNECTIONS}, or fewer when the process may not open enough files for them: half of what
     * the open-file limit leaves after {@link #RESERVED_FILE_DESCRIPTORS} (a download holds its socket and its
     * image file), and at least 16.
     */
    public static int defaultMaxConnections() {
        long limit = openFileLimit();
        if (limit <= 0) {
            return DEFAULT_MAX_CONNECTIONS;
        }
        long fitting = (limit - RESERVED_FILE_DESCRIPTORS) / 2;
        return (int) Math.max(16, Math.min(DEFAULT_MAX_CONNECTIONS, fitting));
    }

    private static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** The socket timeout in milliseconds as Undertow takes it, -1 for none. */
    int clientSocketTimeoutMillis() {
        return clientSocketTimeout.isZero() ? -1 : (int) clientSocketTimeout.toMillis();
    }

    /** The header timeout in milliseconds as Undertow takes it, -1 for none. */
    int requestHeaderTimeoutMillis() {
        return requestHeaderTimeout.isZero() ? -1 : (int) requestHeaderTimeout.toMillis();
    }

    public ConnectionLimits withClientSocketTimeout(Duration timeout) {
        return new ConnectionLimits(timeout, requestHeaderTimeout, maxConnections);
    }

    public ConnectionLimits withRequestHeaderTimeout(Duration timeout) {
        return new ConnectionLimits(clientSocketTimeout, timeout, maxConnections);
    }

    public ConnectionLimits withMaxConnections(int max) {
        return new ConnectionLimits(clientSocketTimeout, requestHeaderTimeout, max);
    }
}
