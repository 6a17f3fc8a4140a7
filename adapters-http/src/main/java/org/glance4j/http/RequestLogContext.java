package org.glance4j.http;

/**
 * The request id of the request the current thread is serving, so that a log formatter can print it on every line
 * the request causes. The HTTP adapter sets it while a worker or transfer thread serves a request and clears it
 * after; on any other thread it is null.
 */
public final class RequestLogContext {
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private RequestLogContext() {
    }

    /** The request id of the request this thread is serving, or null. */
    public static String requestId() {
        return REQUEST_ID.get();
    }

    static void set(String requestId) {
        REQUEST_ID.set(requestId);
    }

    static void clear() {
        REQUEST_ID.remove();
    }
}
