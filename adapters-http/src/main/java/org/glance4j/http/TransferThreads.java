package org.glance4j.http;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads uploads, staging and downloads run on, apart from the worker threads that serve the records, so
 * that transfers held up by slow clients never keep a record call waiting. There are as many as the connection
 * cap (each transfer holds a connection, so none waits for a thread while under the cap); they are started on
 * demand and end after a minute without work.
 */
final class TransferThreads implements Executor, AutoCloseable {
    private static final long KEEP_ALIVE_SECONDS = 60;

    private final ThreadPoolExecutor pool;

    TransferThreads(int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(maxThreads, maxThreads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "glance4j-transfer-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Threads alive now (busy or waiting for work). */
    int threads() {
        return pool.getPoolSize();
    }

    /** Interrupts the transfers still running and lets the threads end. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
