package org.glance4j.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the {@code s3} store does natively when it composes: the pieces of one multipart upload go up at the same
 * time on {@code s3_store_thread_pools} threads, and parts of any size, small ones in the middle included, are
 * assembled without falling back to one stream (the pieces are cut across the parts' boundaries).
 */
class S3ComposedWriteTest {
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

    private static ImageStore open(String bucket, int threads) {
        Map<String, String> options = new HashMap<>(S3StoreContractTest.options(server.endpoint(), bucket));
        options.put(S3ImageStoreFactory.THREAD_POOLS.name(), String.valueOf(threads));
        return new S3ImageStoreFactory().create(bucket, options);
    }

    @Test
    void piecesGoUpAtTheSameTime() {
        CountDownLatch bothOpen = new CountDownLatch(2);
        AtomicInteger opened = new AtomicInteger();
        List<ImagePart> parts = new ArrayList<>();
        for (long seed : new long[] {1, 2}) {
            parts.add(new ImagePart(
                    5 * MIB,
                    () -> {
                        opened.incrementAndGet();
                        bothOpen.countDown();
                        try {
                            if (!bothOpen.await(2, TimeUnit.MINUTES)) {
                                throw new IllegalStateException("the other piece was not being sent meanwhile");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        return GeneratedBytes.of(5 * MIB, seed);
                    },
                    Optional.empty()));
        }
        try (ImageStore store = open("parallel", 2)) {
            assertThat(store.capabilities()).contains(StoreCapability.COMPOSE);
            StoredObject written = store.writeComposed("img", parts);
            assertThat(written.size()).isEqualTo(10 * MIB);
            // jclouds reads each piece twice: once to sign its hash (AWS signature v4), once to send it
            assertThat(opened.get()).as("openings of the parts").isGreaterThanOrEqualTo(2);
            assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                    .isEqualTo(concatenationSha256(new long[][] {{5 * MIB, 1}, {5 * MIB, 2}}));
        }
    }

    @Test
    void smallPartsBetweenLargeOnesAreAssembledNatively() throws Exception {
        long[][] sizesAndSeeds = {{MIB, 11}, {17, 12}, {6 * MIB, 13}, {0, 14}, {3 * MIB + 5, 15}};
        List<ImagePart> parts = new ArrayList<>();
        for (long[] part : sizesAndSeeds) {
            parts.add(new ImagePart(part[0], () -> GeneratedBytes.of(part[0], part[1]), Optional.empty()));
        }
        try (ImageStore store = open("uneven-parts", 3)) {
            StoredObject written = store.writeComposed("img", parts);
            assertThat(written.size()).isEqualTo(10 * MIB + 22);
            assertThat(store.size(written.location())).isEqualTo(10 * MIB + 22);
            assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                    .isEqualTo(concatenationSha256(sizesAndSeeds));
            assertThat(server.filesIn("uneven-parts"))
                    .as("one object, no parts left")
                    .isEqualTo(1);
        }
    }

    @Test
    void theUnfinishedMultipartUploadOfAWriterElsewhereIsAbortedAndOneOfThisStoreIsNot() throws Exception {
        CountDownLatch lastPieceMayGo = new CountDownLatch(1);
        CountDownLatch lastPieceWaits = new CountDownLatch(1);
        List<ImagePart> parts = new ArrayList<>();
        parts.add(new ImagePart(5 * MIB, () -> GeneratedBytes.of(5 * MIB, 21), Optional.empty()));
        parts.add(new ImagePart(
                17,
                () -> {
                    lastPieceWaits.countDown();
                    try {
                        lastPieceMayGo.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return GeneratedBytes.of(17, 22);
                },
                Optional.empty()));
        // one compose thread: the first piece has gone up when the second one's opener waits
        try (ImageStore writer = open("abandoned", 1);
                ImageStore otherNode = open("abandoned", 2)) {
            CompletableFuture<StoredObject> writing =
                    CompletableFuture.supplyAsync(() -> writer.writeComposed("img", parts));
            assertThat(lastPieceWaits.await(2, TimeUnit.MINUTES)).isTrue();

            assertThat(writer.deleteAbandonedWrites("img"))
                    .as("its own running upload")
                    .isZero();
            assertThat(server.filesIn("abandoned"))
                    .as("the unfinished upload and its first piece")
                    .isPositive();
            assertThat(otherNode.deleteAbandonedWrites("img"))
                    .as("an upload it does not run")
                    .isEqualTo(1);
            assertThat(server.filesIn("abandoned")).as("files left").isZero();

            // S3Proxy takes the last piece of the aborted upload (S3 refuses it); the completion then fails
            lastPieceMayGo.countDown();
            assertThat(catchThrowable(() -> writing.get(2, TimeUnit.MINUTES)))
                    .as("the writer whose upload was aborted")
                    .isNotNull();
        }
    }

    private static String concatenationSha256(long[][] sizesAndSeeds) {
        List<InputStream> streams = new ArrayList<>();
        for (long[] part : sizesAndSeeds) {
            streams.add(GeneratedBytes.of(part[0], part[1]));
        }
        return GeneratedBytes.sha256(new SequenceInputStream(Collections.enumeration(streams)));
    }
}
