package org.glance4j.ports.testing.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/**
 * Runs the contract kit against an in-memory store that only reads whole objects (as a read-only HTTP store
 * would): this proves the kit's refusal branches, where every undeclared operation must be refused in the
 * standard way. Objects are seeded behind the store's back.
 */
class ReadOnlyInMemoryStoreContractTest extends ImageStoreContractTest {
    private InMemoryImageStore store;

    @Override
    protected ImageStore createStore(String storeId) {
        store = new InMemoryImageStore(storeId, EnumSet.of(StoreCapability.READ));
        return store;
    }

    @Override
    protected long storedObjectCount() {
        return store.objectCount();
    }

    @Override
    protected boolean expectsCapability(StoreCapability capability) {
        return switch (capability) {
            case READ -> true;
            case READ_RANGE, WRITE, DELETE, COMPOSE -> false;
        };
    }

    @Override
    protected StoredObject seed(String imageId, InputStream data, long size) {
        try {
            return store.put(imageId, data.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String locationOfMissingObject() {
        return InMemoryImageStore.SCHEME + "://" + STORE_ID + "/" + newImageId();
    }

    @Override
    protected boolean breakBackend() {
        store.setUnavailable(true);
        return true;
    }

    @Override
    protected boolean holdsObjectsInHeap() {
        return true;
    }

    @Override
    protected long largeObjectSize() {
        return 16 * MIB;
    }
}
