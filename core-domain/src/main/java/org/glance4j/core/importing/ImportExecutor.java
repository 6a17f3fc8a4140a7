package org.glance4j.core.importing;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs imports off the request threads: at most {@code threads} at once ({@code task_pool_threads}); more wait in
 * line, in order. Closing it interrupts running imports, which then fail cleanly (the image goes back to queued).
 */
public final class ImportExecutor implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    public ImportExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "glance4j-import-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    void submit(Runnable job) {
        pool.execute(job);
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
