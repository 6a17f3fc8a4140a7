package org.glance4j.http;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads uploads, staging and downloads run on, apart from the worker threads that serve the records, so
 * that transfers held up by slow clients never keep a record call waiting. There are as many as the connection
 * cap (each transfer holds a connection, so none waits for a thread while under the cap); they are started on
 * demand, an idle one is reused before another is started, and they end after a minute without work.
 */
final class TransferThreads implements Executor, AutoCloseable {
    private static final long KEEP_ALIVE_SECONDS = 60;

    private final ThreadPoolExecutor pool;

    TransferThreads(int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        HandOff queue = new HandOff();
        pool = new ThreadPoolExecutor(
                0,
                maxThreads,
                KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS,
                queue,
                task -> {
                    Thread thread = new Thread(task, "glance4j-transfer-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                (task, executor) -> {
                    if (!executor.isShutdown()) {
                        queue.add(task); // every thread is busy: wait in line (a connection closed, its thread not yet
                        // free)
                    }
                });
    }

    /**
     * Offers a task only to an idle thread, so that the pool starts a new thread (up to the maximum) rather than
     * queueing while none is idle; {@code add} queues unconditionally.
     */
    private static final class HandOff extends LinkedTransferQueue<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }
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
