package org.glance4j.storage.swift;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.ImageStoreContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract kit against the {@code swift} store on a real single-node Swift (TempAuth, auth version 1), built
 * through its factory. The large-object size is 5 MiB, so the kit's 256 MiB object goes up as a static large
 * object and its failed writes exercise the clean-up of segments. Each test gets a container of its own.
 */
@ExtendWith(SwiftServer.class)
class SwiftStoreContractTest extends ImageStoreContractTest {
    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private String container;
    private TcpRelay relay;

    static Map<String, String> options(String authAddress, String container) {
        Map<String, String> options = new HashMap<>();
        options.put(SwiftImageStoreFactory.AUTH_ADDRESS.name(), authAddress);
        options.put(SwiftImageStoreFactory.USER.name(), SwiftServer.USER);
        options.put(SwiftImageStoreFactory.KEY.name(), SwiftServer.KEY);
        options.put(SwiftImageStoreFactory.AUTH_VERSION.name(), "1");
        options.put(SwiftImageStoreFactory.CONTAINER.name(), container);
        options.put(SwiftImageStoreFactory.CREATE_CONTAINER_ON_PUT.name(), "true");
        options.put(SwiftImageStoreFactory.LARGE_OBJECT_SIZE.name(), "5");
        options.put(SwiftImageStoreFactory.LARGE_OBJECT_CHUNK_SIZE.name(), "5");
        return options;
    }

    /** The store talks to Swift through a relay that {@link #breakBackend()} closes. */
    @Override
    protected ImageStore createStore(String storeId) throws java.io.IOException {
        container = "kit-" + ProcessHandle.current().pid() + "-" + CONTAINERS.incrementAndGet();
        relay = new TcpRelay(SwiftServer.get().proxyPort());
        return new SwiftImageStoreFactory()
                .create(storeId, options("http://127.0.0.1:" + relay.port() + "/auth/v1.0", container));
    }

    @org.junit.jupiter.api.AfterEach
    void closeRelay() {
        relay.close();
    }

    @Override
    protected boolean breakBackend() {
        relay.close();
        return true;
    }

    /** Objects, plus segments of no object (what a failed large write would leave behind). */
    @Override
    protected long storedObjectCount() throws Exception {
        return SwiftServer.get().objectsAndOrphanSegments(container, container);
    }

    @Override
    protected boolean expectsCapability(StoreCapability capability) {
        return true;
    }
}
