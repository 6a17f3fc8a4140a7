package org.glance4j.storage.rbd;

import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.ImageStoreContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract kit against the {@code rbd} store on a real single-node Ceph (memstore), built through its factory
 * as user {@code glance}. The pool is emptied before each test. The chunk size is 1 MiB, so the kit's objects
 * span many chunks and its unknown-size writes grow the image several times. The backend is broken by
 * block-listing the store's client address, which is how an operator fences a client off.
 */
@ExtendWith(CephCluster.class)
class RbdStoreContractTest extends ImageStoreContractTest {
    private RbdPoolCleaner cleaner;
    private RadosConnection storeConnection;

    @Override
    protected ImageStore createStore(String storeId) {
        cleaner = new RbdPoolCleaner(CephCluster.get());
        cleaner.removeEverything();
        var options = CephCluster.get().storeOptions();
        options.put(RbdImageStoreFactory.CHUNK_SIZE.name(), "1");
        RbdSettings settings = RbdSettings.read(RbdImageStoreFactory.OPTIONS.read(storeId, options));
        storeConnection = RadosConnection.connect(settings.cephConf(), settings.user(), settings.connectTimeout());
        return new RbdImageStore(storeId, settings, storeConnection);
    }

    @AfterEach
    void closeCleaner() {
        cleaner.close();
    }

    @Override
    protected long storedObjectCount() {
        return cleaner.images().size();
    }

    @Override
    protected boolean expectsCapability(StoreCapability capability) {
        return capability != StoreCapability.COMPOSE; // composes through the default: one write
    }

    @Override
    protected boolean breakBackend() throws Exception {
        CephCluster.get().admin("ceph", "osd", "blocklist", "add", storeConnection.clientAddress());
        return true;
    }
}
