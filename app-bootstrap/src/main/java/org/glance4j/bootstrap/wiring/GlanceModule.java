package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;

/**
 * The whole server: the one place where modules are chosen from the configuration, with a plain {@code switch}.
 */
public final class GlanceModule extends AbstractModule {
    private final ServerSettings settings;
    private final java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits;
    private final StoreTypes storeTypes;
    private final org.glance4j.bootstrap.config.CacheConfig cache;

    public GlanceModule(ServerSettings settings) {
        this(settings, java.util.Optional.empty());
    }

    /** With unified limits read from Keystone when {@code limits} is present. */
    public GlanceModule(ServerSettings settings, java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits) {
        this(settings, limits, StoreTypes.classPath(), org.glance4j.bootstrap.config.CacheConfig.off());
    }

    /** With the image cache options ({@code image_cache_dir}, ...) and the store types of the class path. */
    public GlanceModule(ServerSettings settings, java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits,
            org.glance4j.bootstrap.config.CacheConfig cache) {
        this(settings, limits, StoreTypes.classPath(), cache);
    }

    /** With the store types found on the class path and in the plugin directories, and the image cache options. */
    public GlanceModule(ServerSettings settings, java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits,
            StoreTypes storeTypes, org.glance4j.bootstrap.config.CacheConfig cache) {
        this.settings = settings;
        this.limits = limits;
        this.storeTypes = storeTypes;
        this.cache = cache;
    }

    @Override
    protected void configure() {
        java.util.List<org.glance4j.bootstrap.config.StoreConfig> stores = StoreSections.prepare(settings.stores(),
                storeTypes, settings.dataDir());
        install(new CoreModule(settings.core(), settings.data(), settings.locations(),
                settings.multipleStores() ? StoreInfos.of(stores, storeTypes) : null, settings.formats(),
                settings.importing()));
        install(new LimitsModule(limits));
        install(new CacheModule(cache));
        install(new StoreModule(stores, settings.defaultStore(), storeTypes));
        install(new HttpModule(settings.http()));
        switch (settings.database().kind()) {
            case SQLITE, POSTGRESQL, MARIADB -> install(new JdbcModule(settings.jdbc()));
        }
    }
}
