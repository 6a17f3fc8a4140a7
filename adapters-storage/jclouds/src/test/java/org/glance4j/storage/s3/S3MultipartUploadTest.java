package org.glance4j.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multipart uploads whose large-object size is not a multiple of the chunk size: S3 refuses a short part that is
 * not the last, so what is left of the first 12 MiB must start the next 5 MiB part.
 */
class S3MultipartUploadTest {
    private static final long MIB = 1024 * 1024;
    private static S3ProxyServer server;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        server.close();
    }

    @Test
    void onlyTheLastPartIsShort() throws Exception {
        Map<String, String> options = new java.util.HashMap<>(S3StoreContractTest.options(server.endpoint(), "uneven"));
        options.put(S3ImageStoreFactory.LARGE_OBJECT_SIZE.name(), "12");
        options.put(S3ImageStoreFactory.LARGE_OBJECT_CHUNK_SIZE.name(), "5");
        try (ImageStore store = new S3ImageStoreFactory().create("uneven", options)) {
            for (long size : new long[] {12 * MIB, 12 * MIB + 1, 23 * MIB + 3, 25 * MIB}) {
                StoredObject written = store.write("img-" + size, GeneratedBytes.of(size, size), -1);
                assertThat(written.size()).isEqualTo(size);
                assertThat(store.size(written.location())).isEqualTo(size);
                assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                        .as("content of %d", size)
                        .isEqualTo(GeneratedBytes.sha256(size, size));
            }
            assertThat(server.filesIn("uneven")).as("objects, no parts").isEqualTo(4);
        }
    }
}
