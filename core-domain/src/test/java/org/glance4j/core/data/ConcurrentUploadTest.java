package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

class ConcurrentUploadTest {

    private static final int UPLOADS = 8;
    private static final int SIZE = ParallelDigestInputStream.BUFFER_SIZE + 99;

    @Test
    void eightConcurrentUploadsOfDifferentImagesAllSucceedWithTheirOwnChecksums() throws Exception {
        InMemoryImageStore store = new InMemoryImageStore("mem");
        DataFixture f = new DataFixture(store);
        List<Image> queued = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            queued.add(f.queued("raw", "bare"));
        }
        ExecutorService threads = Executors.newFixedThreadPool(UPLOADS);
        try {
            CyclicBarrier start = new CyclicBarrier(UPLOADS);
            List<Future<Image>> results = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                Image image = queued.get(i);
                long seed = i;
                Callable<Image> upload = () -> {
                    start.await();
                    return f.core.imageData().upload(OWNER_MEMBER, image.id(), GeneratedBytes.of(SIZE, seed), SIZE);
                };
                results.add(threads.submit(upload));
            }
            for (int i = 0; i < UPLOADS; i++) {
                Image active = results.get(i).get();
                assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
                assertThat(active.checksum()).isEqualTo(ImageUploadTest.hex("MD5", GeneratedBytes.array(SIZE, i)));
                assertThat(active.osHashValue())
                        .isEqualTo(ImageUploadTest.hex("SHA-512", GeneratedBytes.array(SIZE, i)));
            }
            assertThat(store.objectCount()).isEqualTo(UPLOADS);
        } finally {
            threads.shutdownNow();
        }
    }
}
