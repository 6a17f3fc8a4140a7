package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;

/**
 * The whole server: the one place where modules are chosen from the configuration, with a plain {@code switch}.
 */
public final class GlanceModule extends AbstractModule {
    private final ServerSettings settings;
    private final java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits;
    private final Operations operations;

    public GlanceModule(ServerSettings settings) {
        this(settings, java.util.Optional.empty());
    }

    /** With unified limits read from Keystone when {@code limits} is present. */
    public GlanceModule(ServerSettings settings, java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits) {
        this(settings, limits, Operations.none());
    }

    /** With the metrics, healthcheck and request log of {@code operations}. */
    public GlanceModule(ServerSettings settings, java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits,
            Operations operations) {
        this.settings = settings;
        this.limits = limits;
        this.operations = operations;
    }

    @Override
    protected void configure() {
        bind(Operations.class).toInstance(operations);
        install(new CoreModule(settings.core(), settings.data(), settings.locations(),
                settings.multipleStores() ? StoreInfos.of(settings.stores()) : null, settings.formats(),
                settings.importing()));
        install(new LimitsModule(limits));
        install(new StoreModule(settings.stores(), settings.defaultStore()));
        install(new HttpModule(settings.http()));
        switch (settings.database().kind()) {
            case SQLITE, POSTGRESQL, MARIADB -> install(new JdbcModule(settings.jdbc()));
        }
    }
}
