package org.glance4j.core.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes the stream it wraps when no byte has arrived for the idle timeout, so that a read blocked on a stalled
 * source ends with an {@link IOException} instead of holding an import thread forever.
 */
final class IdleTimeoutInputStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "glance4j-import-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private final ScheduledFuture<?> check;
    private final long idleNanos;

    IdleTimeoutInputStream(InputStream in, Duration idle) {
        super(in);
        this.idleNanos = idle.toNanos();
        long period = Math.max(1, idle.toMillis() / 4);
        this.check = WATCHDOG.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkIdle() {
        if (System.nanoTime() - lastProgress.get() > idleNanos && timedOut.compareAndSet(false, true)) {
            try {
                in.close();
            } catch (IOException e) {
                // closing is all we want
            }
            check.cancel(false);
        }
    }

    @Override
    public int read() throws IOException {
        int b = guarded(super.read());
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return guarded(super.read(b, off, len));
    }

    private int guarded(int result) throws IOException {
        if (timedOut.get()) {
            throw new IOException(
                    "the source sent nothing for " + Duration.ofNanos(idleNanos).toSeconds() + " seconds");
        }
        lastProgress.set(System.nanoTime());
        return result;
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
