package org.glance4j.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.in.ImageVerificationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic verification of the stored images ({@code [DEFAULT] image_verify_interval}): one run after each
 * interval, on one background thread, throttled by {@code image_verify_rate_mib}; each run logs its counts, and
 * the core logs every copy that is not ok as a warning.
 */
final class VerificationSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationSchedule.class);

    private final ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "glance4j-image-verification");
        thread.setDaemon(true);
        return thread;
    });

    VerificationSchedule(ImageVerificationService verification, Duration interval, long rateMib) {
        long every = Math.max(1, interval.toMillis());
        runs.scheduleWithFixedDelay(() -> runOnce(verification, rateMib), every, every, TimeUnit.MILLISECONDS);
    }

    private static void runOnce(ImageVerificationService verification, long rateMib) {
        try {
            ImageVerificationService.Summary summary =
                    verification.verify(ImageVerificationService.Scope.all(), rateMib * 1024 * 1024, result -> {});
            LOG.info(
                    "image verification: {} copies, {} bytes read: {}",
                    summary.total(),
                    summary.bytesRead(),
                    summary.counts());
        } catch (RuntimeException e) {
            LOG.warn("image verification failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        runs.shutdownNow();
    }
}
