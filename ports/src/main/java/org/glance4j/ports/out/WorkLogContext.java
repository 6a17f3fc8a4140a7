package org.glance4j.ports.out;

/**
 * Tells the log which request, and which task, a worker thread of the core is working for, so that every line logged
 * on that thread while it does the work (the core's own lines and those of the adapters it calls: stores, database,
 * fetcher) names them, as the lines of a request's own thread name its request. The core enters a scope on the worker
 * thread when it begins work that a request started (an import task: glance-direct, web-download, copy-image, or a
 * legacy import task), and closes it on the same thread when the work ends, whatever the outcome.
 *
 * <p>Implementations keep the names per thread (a {@link ThreadLocal}, a logging library's diagnostic context) and must
 * be thread-safe; {@link #enter} and {@link Scope#close()} never throw. Scopes nest: closing one restores what the
 * thread named before it. {@link #none()} is the context of a core that was given none.
 */
public interface WorkLogContext {

    /**
     * Names {@code requestId} and {@code taskId} on the lines the current thread logs until the returned scope is
     * closed on this thread.
     *
     * @param requestId the request id of the request that started the work (never null)
     * @param taskId    the task the work is, or null when it is none
     * @return the scope to close when the work ends
     */
    Scope enter(String requestId, String taskId);

    /** The stretch of work on one thread; closing it restores what the thread named before. Never throws. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Names nothing: the lines of worker threads carry no request id. */
    static WorkLogContext none() {
        return (requestId, taskId) -> () -> {};
    }
}
