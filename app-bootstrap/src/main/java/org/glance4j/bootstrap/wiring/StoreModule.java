package org.glance4j.bootstrap.wiring;

import java.util.List;
import java.util.ServiceLoader;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.ports.out.store.ImageStoreFactory;

/**
 * The image stores: each configured store is built by the {@link ImageStoreFactory} of its type, found with
 * {@link ServiceLoader} (the {@code file} store of adapters-storage is one). Opening them creates and checks their
 * directories.
 */
public final class StoreModule extends AbstractModule {
    private final List<StoreConfig> stores;
    private final String defaultStoreId;

    public StoreModule(List<StoreConfig> stores, String defaultStoreId) {
        this.stores = List.copyOf(stores);
        this.defaultStoreId = defaultStoreId;
    }

    @Provides
    @Singleton
    OpenStores stores() {
        return OpenStores.open(stores, defaultStoreId, ServiceLoader.load(ImageStoreFactory.class,
                StoreModule.class.getClassLoader()));
    }
}
