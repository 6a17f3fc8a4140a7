package org.glance4j.storage.s3;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.ImageStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract kit against the {@code s3} store on S3Proxy (in this JVM, filesystem-backed), built through its
 * factory. The large-object size is 5 MiB, so the kit's 256 MiB object and its failed writes go through the
 * multipart path; each test gets a bucket of its own, created by its first write.
 */
class S3StoreContractTest extends ImageStoreContractTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer server;

    private String bucket;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Stops S3Proxy; the next test starts a new one. */
    @Override
    protected boolean breakBackend() throws Exception {
        server.close();
        server = null;
        return true;
    }

    static Map<String, String> options(String endpoint, String bucket) {
        Map<String, String> options = new HashMap<>();
        options.put(S3ImageStoreFactory.HOST.name(), endpoint);
        options.put(S3ImageStoreFactory.ACCESS_KEY.name(), S3ProxyServer.ACCESS_KEY);
        options.put(S3ImageStoreFactory.SECRET_KEY.name(), S3ProxyServer.SECRET_KEY);
        options.put(S3ImageStoreFactory.BUCKET.name(), bucket);
        options.put(S3ImageStoreFactory.CREATE_BUCKET_ON_PUT.name(), "true");
        options.put(S3ImageStoreFactory.LARGE_OBJECT_SIZE.name(), "5");
        options.put(S3ImageStoreFactory.LARGE_OBJECT_CHUNK_SIZE.name(), "5");
        return options;
    }

    @Override
    protected ImageStore createStore(String storeId) throws Exception {
        if (server == null) {
            server = S3ProxyServer.start();
        }
        bucket = "kit-" + BUCKETS.incrementAndGet();
        return new S3ImageStoreFactory().create(storeId, options(server.endpoint(), bucket));
    }

    @Override
    protected long storedObjectCount() throws Exception {
        return server.filesIn(bucket);
    }

    @Override
    protected boolean expectsCapability(StoreCapability capability) {
        return true;
    }
}
