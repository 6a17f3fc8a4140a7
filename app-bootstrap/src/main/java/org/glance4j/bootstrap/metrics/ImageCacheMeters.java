package org.glance4j.bootstrap.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.glance4j.ports.model.CacheCounters;

/**
 * The node image cache's counters as meters, read from {@link CacheCounters} at each scrape: hits, misses, bytes
 * served from the cache, fills and given-up fills as counters; images and bytes held now as gauges.
 */
final class ImageCacheMeters {
    private ImageCacheMeters() {}

    static void bind(Supplier<CacheCounters> counters, MeterRegistry registry) {
        counter(
                registry,
                counters,
                "glance4j.image.cache.hits",
                "downloads answered from the node image cache",
                c -> c.hits());
        counter(
                registry,
                counters,
                "glance4j.image.cache.misses",
                "downloads of active images read from a remote store because the cache did not hold them",
                c -> c.misses());
        counter(
                registry,
                counters,
                "glance4j.image.cache.served.bytes",
                "bytes answered from the node image cache",
                c -> c.bytesServed());
        counter(
                registry,
                counters,
                "glance4j.image.cache.fills",
                "images written to the cache and verified",
                c -> c.fills());
        counter(
                registry,
                counters,
                "glance4j.image.cache.failed.fills",
                "writes to the cache given up (client gone, store failure, checksum mismatch)",
                c -> c.failedFills());
        Gauge.builder("glance4j.image.cache.images", counters, s -> s.get().cachedImages())
                .description("images held in the node image cache")
                .register(registry);
        Gauge.builder("glance4j.image.cache.size", counters, s -> s.get().cacheSize())
                .baseUnit("bytes")
                .description("bytes held in the node image cache (complete files)")
                .register(registry);
    }

    private static void counter(
            MeterRegistry registry,
            Supplier<CacheCounters> counters,
            String name,
            String description,
            ToDoubleFunction<CacheCounters> value) {
        FunctionCounter.builder(name, counters, s -> value.applyAsDouble(s.get()))
                .description(description)
                .register(registry);
    }
}
