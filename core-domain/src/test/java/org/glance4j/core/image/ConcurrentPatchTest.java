package org.glance4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glance4j.core.CoreFixture;
import org.glance4j.ports.in.PatchOperation;
import org.glance4j.ports.model.Image;
import org.junit.jupiter.api.Test;

class ConcurrentPatchTest {

    private static final int THREADS = 16;
    private static final int PATCHES_PER_THREAD = 20;

    @Test
    void concurrentPatchesLoseNoUpdateAndNeverFail() throws Exception {
        CoreFixture f = new CoreFixture(
                org.glance4j.core.settings.CoreSettings.defaults().withQuotas(-1, -1));
        Image image = f.create(OWNER_MEMBER, "name", "shared-target");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PATCHES_PER_THREAD; i++) {
                        f.core.images()
                                .update(
                                        OWNER_MEMBER,
                                        image.id(),
                                        List.of(PatchOperation.add("/p_" + thread + "_" + i, "v")));
                        f.core.tags().addTag(OWNER_MEMBER, image.id(), "tag-" + thread + "-" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Image after = f.images.find(image.id()).orElseThrow();
        assertThat(after.properties()).hasSize(THREADS * PATCHES_PER_THREAD);
        assertThat(after.tags()).hasSize(THREADS * PATCHES_PER_THREAD);
        assertThat(after.revision()).isEqualTo(image.revision() + 2L * THREADS * PATCHES_PER_THREAD);
    }
}
