package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.List;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.ports.out.store.ImageStoreFactory;

/**
 * The image stores: each configured store is built by the {@link ImageStoreFactory} of its type, found with
 * {@link java.util.ServiceLoader} on the class path or in a plugin jar ({@link StoreTypes}). Opening them creates and checks their
 * directories.
 */
public final class StoreModule extends AbstractModule {
    private final List<StoreConfig> stores;
    private final String defaultStoreId;
    private final StoreTypes types;

    public StoreModule(List<StoreConfig> stores, String defaultStoreId) {
        this(stores, defaultStoreId, StoreTypes.classPath());
    }

    /** With the store types of the class path and of the plugin directories. */
    public StoreModule(List<StoreConfig> stores, String defaultStoreId, StoreTypes types) {
        this.stores = List.copyOf(stores);
        this.defaultStoreId = defaultStoreId;
        this.types = types;
    }

    @Provides
    @Singleton
    OpenStores stores() {
        return OpenStores.open(stores, defaultStoreId, types);
    }
}
