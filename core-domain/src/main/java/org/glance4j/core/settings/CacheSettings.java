package org.glance4j.core.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * The image cache of this node, with Glance's options: whether there is one ({@code [DEFAULT] image_cache_dir}),
 * the size above which pruning removes least recently used images ({@code image_cache_max_size}, Glance's 10 GiB by
 * default) and how old a partial copy must be for cleaning to remove it ({@code image_cache_stall_time}, 24 h).
 */
public record CacheSettings(boolean enabled, long maxSize, Duration stallTime) {

    /** Glance's {@code image_cache_max_size} default: 10 GiB. */
    public static final long DEFAULT_MAX_SIZE = 10L * 1024 * 1024 * 1024;
    /** Glance's {@code image_cache_stall_time} default: 86400 s. */
    public static final Duration DEFAULT_STALL_TIME = Duration.ofDays(1);

    public CacheSettings {
        Objects.requireNonNull(stallTime, "stallTime");
        if (maxSize < 0 || stallTime.isNegative()) {
            throw new IllegalArgumentException("image_cache_max_size and image_cache_stall_time must not be negative");
        }
    }

    /** No image cache. */
    public static CacheSettings off() {
        return new CacheSettings(false, DEFAULT_MAX_SIZE, DEFAULT_STALL_TIME);
    }

    /** A cache with Glance's defaults. */
    public static CacheSettings defaults() {
        return new CacheSettings(true, DEFAULT_MAX_SIZE, DEFAULT_STALL_TIME);
    }
}
