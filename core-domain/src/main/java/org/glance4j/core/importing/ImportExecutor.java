package org.glance4j.core.importing;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.out.WorkLogContext;

/**
 * Runs imports off the request threads: at most {@code threads} at once ({@code task_pool_threads}); more wait in
 * line, in order. Closing it interrupts running imports, which then fail cleanly (the image goes back to queued).
 * While a thread runs an import, the {@link WorkLogContext} names the request that started it and its task.
 */
public final class ImportExecutor implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final WorkLogContext logContext;

    /** An executor whose threads name, on every line they log for an import, its request and task. */
    public ImportExecutor(int threads, WorkLogContext logContext) {
        this.logContext = java.util.Objects.requireNonNull(logContext, "log context");
        AtomicInteger count = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "glance4j-import-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code job}, the work of task {@code taskId} started by the request {@code requestId}, in turn. */
    void submit(String requestId, String taskId, Runnable job) {
        pool.execute(() -> {
            WorkLogContext.Scope scope = logContext.enter(requestId, taskId);
            try {
                job.run();
            } finally {
                scope.close();
            }
        });
    }

    /** How many imports run now. */
    public int active() {
        return pool.getActiveCount();
    }

    /** Stops taking imports, interrupts the running ones and waits a little for them to clean up. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
