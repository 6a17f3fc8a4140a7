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
    private final Operations operations;

    public GlanceModule(ServerSettings settings) {
        this(settings, java.util.Optional.empty());
    }

    /** With unified limits read from Keystone when {@code limits} is present. */
    public GlanceModule(ServerSettings settings, java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits) {
        this(
                settings,
                limits,
                StoreTypes.classPath(),
                org.glance4j.bootstrap.config.CacheConfig.off(),
                Operations.none());
    }

    /** With the image cache options ({@code image_cache_dir}, ...) and the store types of the class path. */
    public GlanceModule(
            ServerSettings settings,
            java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits,
            org.glance4j.bootstrap.config.CacheConfig cache) {
        this(settings, limits, StoreTypes.classPath(), cache, Operations.none());
    }

    /** With the metrics, healthcheck and request log of {@code operations}. */
    public GlanceModule(
            ServerSettings settings,
            java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits,
            Operations operations) {
        this(settings, limits, StoreTypes.classPath(), org.glance4j.bootstrap.config.CacheConfig.off(), operations);
    }

    /**
     * With the store types found on the class path and in the plugin directories, the image cache options, and the
     * metrics, healthcheck and request log of {@code operations}.
     */
    public GlanceModule(
            ServerSettings settings,
            java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits,
            StoreTypes storeTypes,
            org.glance4j.bootstrap.config.CacheConfig cache,
            Operations operations) {
        this.settings = settings;
        this.limits = limits;
        this.storeTypes = storeTypes;
        this.cache = cache;
        this.operations = operations;
    }

    @Override
    protected void configure() {
        bind(Operations.class).toInstance(operations);
        java.util.List<org.glance4j.bootstrap.config.StoreConfig> stores =
                StoreSections.prepare(settings.stores(), storeTypes, settings.dataDir());
        install(new CoreModule(
                settings.core(),
                settings.data(),
                settings.locations(),
                settings.multipleStores() ? StoreInfos.of(stores, storeTypes) : null,
                settings.formats(),
                settings.importing(),
                StoreInfos.outputFormats(stores)));
        install(new ImportModule(settings.stagingDir()));
        install(new LimitsModule(limits));
        install(new CacheModule(cache));
        install(new StoreModule(stores, settings.defaultStore(), storeTypes));
        install(new HttpModule(settings.http()));
        switch (settings.database().kind()) {
            case SQLITE, POSTGRESQL, MARIADB -> install(new JdbcModule(settings.jdbc()));
        }
    }
}
