package org.glance4j.core.verify;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a reader at no more than a given number of bytes per second on average since it began: after each chunk it
 * waits until the bytes read so far are due. Zero means no limit.
 */
final class Throttle {
    private final long bytesPerSecond;
    private final long start = System.nanoTime();
    private long bytes;

    Throttle(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a rate cannot be negative");
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Counts {@code n} bytes read and waits as long as the rate asks. */
    void passed(long n) {
        bytes += n;
        if (bytesPerSecond == 0) {
            return;
        }
        long due = start + (long) (bytes * (double) TimeUnit.SECONDS.toNanos(1) / bytesPerSecond);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
