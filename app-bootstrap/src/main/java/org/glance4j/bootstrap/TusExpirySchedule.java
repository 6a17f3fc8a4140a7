package org.glance4j.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glance4j.bootstrap.wiring.Operations;
import org.glance4j.core.GlanceCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep of expired resumable (tus) uploads ({@code [DEFAULT] tus_upload_expiry}): on one background thread, every
 * tenth of the expiry (between one second and a minute), the core deletes the uploads that expired with their bytes
 * and queues their images again. Every node sweeps; the records are shared, so a sweep that finds nothing costs one
 * query.
 */
final class TusExpirySchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TusExpirySchedule.class);

    private final ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "glance4j-tus-expiry");
        thread.setDaemon(true);
        return thread;
    });

    TusExpirySchedule(GlanceCore core, Duration interval) {
        long every = Math.max(1, interval.toMillis());
        runs.scheduleWithFixedDelay(() -> runOnce(core), every, every, TimeUnit.MILLISECONDS);
    }

    /** A tenth of the expiry, between one second and one minute. */
    static Duration interval(Operations operations) {
        Duration tenth = operations.tusUploadExpiry().dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
    }

    private static void runOnce(GlanceCore core) {
        try {
            int expired = core.expireTusUploads();
            if (expired > 0) {
                LOG.info("expired tus uploads deleted: {}", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("the sweep of expired tus uploads failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        runs.shutdownNow();
    }
}
