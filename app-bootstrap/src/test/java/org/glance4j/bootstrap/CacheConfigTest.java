package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.glance4j.bootstrap.config.CacheConfig;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.junit.jupiter.api.Test;

/** The image cache options of {@code [DEFAULT]}: no cache by default, Glance's defaults and ranges otherwise. */
class CacheConfigTest {

    static final String FULL_CACHE = String.join(
            "\n",
            "[DEFAULT]",
            "image_cache_dir = cache",
            "image_cache_max_size = 2048",
            "image_cache_stall_time = 60",
            "image_cache_driver = centralized_db",
            "image_cache_sqlite_db = cache.db",
            "cache_prefetcher_interval = 30",
            "");

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), Path.of("/srv/glance"));
    }

    @Test
    void noCacheByDefaultAndGlanceDefaultsForTheRest() {
        CacheConfig cache = load("").cache();
        assertThat(cache.directory()).isEmpty();
        assertThat(cache.maxSize()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(cache.stallTime()).isEqualTo(Duration.ofDays(1));
        assertThat(cache.jobInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(cache.driverWarning()).isEmpty();
    }

    @Test
    void theOptionsSetTheCacheWithTheDirectoryResolvedAgainstTheWorkingOne() {
        LoadedConfig config = load(FULL_CACHE);
        assertThat(config.ignored()).isEmpty();
        assertThat(config.cache())
                .isEqualTo(new CacheConfig(
                        Optional.of(Path.of("/srv/glance/cache")),
                        2048,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(30),
                        Optional.empty()));
    }

    @Test
    void glanceDeprecatedDriversAreTakenAsCentralizedDbWithAWarningAndOthersRefused() {
        assertThat(load("[DEFAULT]\nimage_cache_driver = SQLite\n").cache().driverWarning())
                .hasValueSatisfying(warning -> assertThat(warning)
                        .contains("image_cache_driver = sqlite")
                        .contains("centralized_db"));
        assertThat(load("[DEFAULT]\nimage_cache_driver = xattr\n").cache().driverWarning())
                .isPresent();
        assertThatThrownBy(() -> load("[DEFAULT]\nimage_cache_driver = memcached\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("image_cache_driver");
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> load("[DEFAULT]\nimage_cache_max_size = -1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("image_cache_max_size");
        assertThatThrownBy(() -> load("[DEFAULT]\ncache_prefetcher_interval = 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache_prefetcher_interval");
        assertThatThrownBy(() -> load("[DEFAULT]\nimage_cache_stall_time = soon\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("image_cache_stall_time");
    }
}
