package org.glance4j.ports.testing.store;

import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;

/**
 * Runs the contract kit against the in-memory reference store: this proves the kit. The store keeps objects on
 * the heap, so the large-object case runs at a size the default heap holds.
 */
class InMemoryImageStoreContractTest extends ImageStoreContractTest {
    private InMemoryImageStore store;

    @Override
    protected ImageStore createStore(String storeId) {
        store = new InMemoryImageStore(storeId);
        return store;
    }

    @Override
    protected long storedObjectCount() {
        return store.objectCount();
    }

    @Override
    protected boolean expectsCapability(StoreCapability capability) {
        return switch (capability) {
            case READ, READ_RANGE, WRITE, DELETE, COMPOSE -> true;
        };
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
