package org.glance4j.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts flushing a file being written while the write goes on: every {@link #STEP} bytes it asks a background
 * thread to force what is written so far, at most one flush at a time. Without it, a machine with plenty of memory
 * keeps the whole image in the page cache and the final force writes all of it at the end, after the upload has
 * finished streaming; with it, the disk works while the bytes still arrive, and the final force only flushes the
 * tail. Durability does not depend on it: the store's final force still decides.
 */
final class WriteBehind implements AutoCloseable {
    static final long STEP = 32L << 20;

    private static final ExecutorService FLUSHERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "file-store-write-behind");
        thread.setDaemon(true);
        return thread;
    });

    private final FileChannel channel;
    private long requestedAt;
    private Future<?> inFlight;

    WriteBehind(FileChannel channel) {
        this.channel = channel;
    }

    /** Tells how many bytes are written now; may start a flush. */
    void written(long total) {
        if (total - requestedAt < STEP || (inFlight != null && !inFlight.isDone())) {
            return;
        }
        requestedAt = total;
        inFlight = FLUSHERS.submit(() -> {
            try {
                channel.force(false);
            } catch (IOException ignored) {
                // the final force reports what matters; a closed channel here means the write was abandoned
            }
        });
    }

    /** Waits for a flush still running, so the final force does not race it. */
    @Override
    public void close() {
        Future<?> last = inFlight;
        if (last == null) {
            return;
        }
        try {
            last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException ignored) {
            // see written(): failures of a background flush are not the write's
        }
    }
}
