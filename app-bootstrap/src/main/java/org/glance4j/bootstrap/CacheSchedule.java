package org.glance4j.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glance4j.core.cache.NodeImageCache;
import org.glance4j.ports.model.CacheCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic jobs of this node's image cache, every {@code cache_prefetcher_interval}: fetch the queued images
 * (the prefetcher), clean stalled partial copies and copies of images no longer active (the cleaner), prune to
 * {@code image_cache_max_size} (the pruner), then log one line of the cache's counters when they changed since
 * the last run.
 */
final class CacheSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheSchedule.class);

    private final ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "glance4j-image-cache-jobs");
        thread.setDaemon(true);
        return thread;
    });

    private String lastSummary = "";

    CacheSchedule(NodeImageCache cache, Duration interval) {
        long every = Math.max(1, interval.toMillis());
        jobs.scheduleWithFixedDelay(
                () -> lastSummary = runOnce(cache, lastSummary), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * One run of the three jobs; a failing job is logged and the next one still runs.
     *
     * @return the summary of the counters, logged unless it equals {@code lastSummary}
     */
    static String runOnce(NodeImageCache cache, String lastSummary) {
        try {
            cache.prefetchQueued();
        } catch (RuntimeException e) {
            LOG.warn("image cache prefetcher: {}", e.getMessage());
        }
        try {
            cache.clean();
        } catch (RuntimeException e) {
            LOG.warn("image cache cleaner: {}", e.getMessage());
        }
        try {
            cache.prune();
        } catch (RuntimeException e) {
            LOG.warn("image cache pruner: {}", e.getMessage());
        }
        try {
            String summary = summary(cache.counters());
            if (!summary.equals(lastSummary)) {
                LOG.info(summary);
            }
            return summary;
        } catch (RuntimeException e) {
            LOG.warn("image cache: cannot read its counters: {}", e.getMessage());
            return lastSummary;
        }
    }

    /** The one-line summary of the counters, as the log and the {@code cache stats} command print it. */
    static String summary(CacheCounters c) {
        return "image cache: " + c.cachedImages() + " images, " + c.cacheSize() + " bytes; since start " + c.hits()
                + " hits, " + c.misses() + " misses, " + c.bytesServed() + " bytes served from the cache, "
                + c.fills() + " images cached, " + c.failedFills() + " fills given up";
    }

    @Override
    public void close() {
        jobs.shutdownNow();
    }
}
