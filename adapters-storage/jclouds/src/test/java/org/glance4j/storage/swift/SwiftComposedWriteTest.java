package org.glance4j.storage.swift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A composed write to the {@code swift} store on a real Swift is a static large object: segments under
 * {@code <image id>/} in the store's container and a manifest named after the image, which reads and sizes as the
 * whole object; deleting it removes the segments too.
 */
@ExtendWith(SwiftServer.class)
class SwiftComposedWriteTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aComposedWriteIsAStaticLargeObjectWhoseDeletionRemovesItsSegments() throws Exception {
        String container = "compose-" + ProcessHandle.current().pid();
        long[][] sizesAndSeeds = {{6 * MIB, 1}, {5 * MIB + 1, 2}, {17, 3}};
        List<ImagePart> parts = new ArrayList<>();
        for (long[] part : sizesAndSeeds) {
            parts.add(new ImagePart(part[0], () -> GeneratedBytes.of(part[0], part[1]), Optional.empty()));
        }
        try (ImageStore store = new SwiftImageStoreFactory()
                .create("slo", SwiftStoreContractTest.options(SwiftServer.get().authAddress(), container))) {
            StoredObject written = store.writeComposed("img", parts);

            List<String> names = SwiftServer.get().objectNames(container);
            assertThat(names).contains("img");
            assertThat(names.stream().filter(name -> name.startsWith("img/")))
                    .as("segments of 5 MiB and the rest")
                    .hasSize(3);
            assertThat(store.size(written.location())).isEqualTo(11 * MIB + 18);
            assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                    .isEqualTo(concatenationSha256(sizesAndSeeds));
            try (InputStream across = store.read(written.location(), new ByteRange(5 * MIB - 3, 6))) {
                assertThat(across.readAllBytes()).hasSize(6);
            }

            assertThat(store.delete(written.location())).isTrue();
            assertThat(SwiftServer.get().objectNames(container))
                    .as("objects after the delete")
                    .isEmpty();
        }
    }

    @Test
    void segmentsOfADeadWriterAreDeletedAndThoseOfARunningOneAreLeftAlone() throws Exception {
        String container = "abandoned-" + ProcessHandle.current().pid();
        Map<String, String> options =
                new HashMap<>(SwiftStoreContractTest.options(SwiftServer.get().authAddress(), container));
        options.put(SwiftImageStoreFactory.COMPOSE_THREADS.name(), "2");
        try (ImageStore store = new SwiftImageStoreFactory().create("slo", options)) {
            SwiftServer.get().putObject(container, "dead/slo/1700000000.000000/0/0/00000001", new byte[100]);
            SwiftServer.get().putObject(container, "dead/slo/1700000000.000000/0/0/00000002", new byte[10]);
            StoredObject kept = store.writeComposed("kept", parts(new long[][] {{6 * MIB, 4}, {17, 5}}));

            assertThat(store.deleteAbandonedWrites("dead"))
                    .as("segments of the dead writer")
                    .isEqualTo(2);
            assertThat(store.deleteAbandonedWrites("kept"))
                    .as("segments of a completed object")
                    .isZero();
            assertThat(SwiftServer.get().objectNames(container))
                    .allMatch(name -> name.startsWith("kept"))
                    .hasSize(3);

            CountDownLatch lastPieceMayGo = new CountDownLatch(1);
            List<ImagePart> slow = new ArrayList<>(parts(new long[][] {{10 * MIB, 6}}));
            slow.add(new ImagePart(
                    17,
                    () -> {
                        try {
                            lastPieceMayGo.await(2, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return GeneratedBytes.of(17, 7);
                    },
                    Optional.empty()));
            CompletableFuture<StoredObject> running =
                    CompletableFuture.supplyAsync(() -> store.writeComposed("running", slow));
            awaitSegments(container, "running/", 2);
            assertThat(store.deleteAbandonedWrites("running"))
                    .as("segments of a running write")
                    .isZero();
            lastPieceMayGo.countDown();
            StoredObject finished = running.get(2, TimeUnit.MINUTES);
            assertThat(GeneratedBytes.sha256(store.read(finished.location(), null)))
                    .isEqualTo(concatenationSha256(new long[][] {{10 * MIB, 6}, {17, 7}}));
            assertThat(store.delete(kept.location())).isTrue();
            assertThat(store.delete(finished.location())).isTrue();
            assertThat(SwiftServer.get().objectNames(container)).isEmpty();
        }
    }

    private static void awaitSegments(String container, String prefix, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (SwiftServer.get().objectNames(container).stream()
                        .filter(name -> name.startsWith(prefix))
                        .count()
                < count) {
            assertThat(System.nanoTime())
                    .as("%d segments under %s in time", count, prefix)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<ImagePart> parts(long[][] sizesAndSeeds) {
        List<ImagePart> parts = new ArrayList<>();
        for (long[] part : sizesAndSeeds) {
            parts.add(new ImagePart(part[0], () -> GeneratedBytes.of(part[0], part[1]), Optional.empty()));
        }
        return parts;
    }

    private static String concatenationSha256(long[][] sizesAndSeeds) {
        List<InputStream> streams = new ArrayList<>();
        for (long[] part : sizesAndSeeds) {
            streams.add(GeneratedBytes.of(part[0], part[1]));
        }
        return GeneratedBytes.sha256(new SequenceInputStream(Collections.enumeration(streams)));
    }
}
