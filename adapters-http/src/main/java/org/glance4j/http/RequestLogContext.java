package org.glance4j.http;

import org.glance4j.ports.out.WorkLogContext;

/**
 * The request id of the request the current thread is serving, so that a log formatter can print it on every line
 * the request causes. The HTTP adapter sets it while a worker or transfer thread serves a request and clears it
 * after. A worker thread of the core (an import) names, through {@link #workerThreads()}, the request that started
 * its work and the task it runs; on any other thread both are null.
 */
public final class RequestLogContext {
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static final ThreadLocal<String> TASK_ID = new ThreadLocal<>();

    private static final WorkLogContext WORKER_THREADS = (requestId, taskId) -> {
        String previousRequest = REQUEST_ID.get();
        String previousTask = TASK_ID.get();
        REQUEST_ID.set(requestId);
        TASK_ID.set(taskId);
        return () -> {
            restore(REQUEST_ID, previousRequest);
            restore(TASK_ID, previousTask);
        };
    };

    private RequestLogContext() {}

    /** The request id of the request this thread is serving, or that started the work it does; or null. */
    public static String requestId() {
        return REQUEST_ID.get();
    }

    /** The task this thread runs (an import on a worker thread of the core), or null. */
    public static String taskId() {
        return TASK_ID.get();
    }

    /**
     * The log context for the core's worker threads ({@code GlanceCore.Builder#workLogContext}): the lines such a
     * thread logs while it works for a request name that request's id and the task, as {@link #requestId()} and
     * {@link #taskId()}.
     */
    public static WorkLogContext workerThreads() {
        return WORKER_THREADS;
    }

    static void set(String requestId) {
        REQUEST_ID.set(requestId);
    }

    static void clear() {
        REQUEST_ID.remove();
    }

    private static void restore(ThreadLocal<String> local, String previous) {
        if (previous == null) {
            local.remove();
        } else {
            local.set(previous);
        }
    }
}
