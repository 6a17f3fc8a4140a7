package org.glance4j.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The image cache options of {@code [DEFAULT]}.
 *
 * @param directory        {@code image_cache_dir} (absolute), empty for no cache
 * @param maxSize          {@code image_cache_max_size} in bytes
 * @param stallTime        {@code image_cache_stall_time}
 * @param jobInterval      {@code cache_prefetcher_interval}: how often the prefetcher, cleaner and pruner run
 * @param driverWarning    a warning to log about {@code image_cache_driver}, or empty
 */
public record CacheConfig(
        Optional<Path> directory,
        long maxSize,
        Duration stallTime,
        Duration jobInterval,
        Optional<String> driverWarning) {

    /** No cache, Glance's defaults for the rest. */
    public static CacheConfig off() {
        return new CacheConfig(
                Optional.empty(),
                10L * 1024 * 1024 * 1024,
                Duration.ofDays(1),
                Duration.ofSeconds(300),
                Optional.empty());
    }
}
