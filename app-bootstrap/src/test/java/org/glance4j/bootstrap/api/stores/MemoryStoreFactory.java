package org.glance4j.bootstrap.api.stores;

import java.util.EnumSet;
import java.util.Map;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.InMemoryImageStore;

/**
 * A store type that exists only on the test class path ({@value #TYPE}): the in-memory store of the ports test-jar,
 * whose {@code memory://} locations (unlike {@code file://} ones) a client may add to an image. With the option
 * {@code read_only = true} it can only read, like an {@code http} store.
 */
public final class MemoryStoreFactory implements ImageStoreFactory {
    static final String TYPE = "test-memory";

    public MemoryStoreFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        if (Boolean.parseBoolean(options.getOrDefault("read_only", "false"))) {
            return new InMemoryImageStore(storeId, EnumSet.of(StoreCapability.READ, StoreCapability.READ_RANGE));
        }
        return new InMemoryImageStore(storeId);
    }
}
