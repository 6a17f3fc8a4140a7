package org.glance4j.storage.swift;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.ImageStoreContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract kit against the {@code s3} store talking to the S3 API of a real Swift (the {@code s3api}
 * middleware, TempAuth credentials as access and secret key). Multipart uploads become Swift static large
 * objects with their parts in {@code <bucket>+segments}; parts of no object count as left behind. The
 * large-object case runs at 96 MiB (still above the 64 MiB test heap) to keep the build short.
 */
@ExtendWith(SwiftServer.class)
class S3OnSwiftStoreContractTest extends ImageStoreContractTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private String bucket;
    private TcpRelay relay;

    /** The store talks to Swift through a relay that {@link #breakBackend()} closes. */
    @Override
    protected ImageStore createStore(String storeId) throws java.io.IOException {
        bucket = "s3kit-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        relay = new TcpRelay(SwiftServer.get().proxyPort());
        Map<String, String> options = new HashMap<>();
        options.put("s3_store_host", "http://127.0.0.1:" + relay.port());
        options.put("s3_store_access_key", SwiftServer.USER);
        options.put("s3_store_secret_key", SwiftServer.KEY);
        options.put("s3_store_bucket", bucket);
        options.put("s3_store_create_bucket_on_put", "true");
        options.put("s3_store_large_object_size", "5");
        options.put("s3_store_large_object_chunk_size", "5");
        return s3Factory().create(storeId, options);
    }

    /** Found the way the service finds it, so this test needs nothing from the s3 package. */
    private static ImageStoreFactory s3Factory() {
        return java.util.ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(java.util.ServiceLoader.Provider::get)
                .filter(factory -> factory.type().equals("s3"))
                .findFirst()
                .orElseThrow();
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

    @Override
    protected long storedObjectCount() throws Exception {
        return SwiftServer.get().objectsAndOrphanSegments(bucket, bucket + "+segments");
    }

    @Override
    protected boolean expectsCapability(StoreCapability capability) {
        return true;
    }

    @Override
    protected long largeObjectSize() {
        return 96 * MIB;
    }
}
