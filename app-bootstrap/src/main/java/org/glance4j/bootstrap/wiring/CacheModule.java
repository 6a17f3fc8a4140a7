package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Optional;
import org.glance4j.bootstrap.config.CacheConfig;
import org.glance4j.core.settings.CacheSettings;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.cache.ImageCacheFiles;
import org.glance4j.storage.cache.FileImageCache;

/**
 * The files of this node's image cache ({@code [DEFAULT] image_cache_dir}) when the operator configured one;
 * the records live in the database ({@link JdbcModule}).
 */
public final class CacheModule extends AbstractModule {
    private final CacheConfig config;

    public CacheModule(CacheConfig config) {
        this.config = config;
    }

    /** The cache's files and settings, or no cache. */
    public record Choice(Optional<ImageCacheFiles> files, CacheSettings settings) {}

    @Provides
    @Singleton
    Choice choice() {
        if (config.directory().isEmpty()) {
            return new Choice(Optional.empty(), CacheSettings.off());
        }
        try {
            return new Choice(
                    Optional.of(FileImageCache.open(config.directory().get())),
                    new CacheSettings(true, config.maxSize(), config.stallTime()));
        } catch (GlanceException e) {
            throw new IllegalStateException(
                    "cannot open the image cache ([DEFAULT] image_cache_dir): " + e.getMessage(), e);
        }
    }
}
