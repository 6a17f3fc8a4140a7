package org.glance4j.http;

/**
 * Told about every HTTP request of the API, for metrics. Calls come from the server's I/O and worker threads, so
 * an implementation is thread-safe and quick (it must not block).
 */
public interface RequestObserver {

    /** An observer that does nothing. */
    RequestObserver NONE = new RequestObserver() {};

    /** A request has arrived and its route is known ({@link RouteTemplates}). */
    default void started(String method, String route) {}

    /** The response of a request that {@link #started} has ended (sent, or cut by the client). */
    default void completed(RequestOutcome outcome) {}
}
