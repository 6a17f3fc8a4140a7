package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.lease.NodeLease;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.InMemoryNodeLeases;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two cores over the same repositories, store and leases) and a fake clock: a node whose lease ends has its
 * uploads put back by one live node, and a node that is only late keeps its work or fails it cleanly.
 */
class NodeLeaseRecoveryTest {

    private static final Duration LEASE = Duration.ofSeconds(9);

    private final InMemoryImageStore store = new InMemoryImageStore("mem");
    private final DataFixture a = new DataFixture(List.of(store), "mem", new DataSettings(1 << 30, "sha512", "node-a"));
    private final GlanceCore coreB = GlanceCore.builder()
            .images(a.images)
            .members(a.members)
            .settings(CoreSettings.defaults())
            .clock(a.clock)
            .stores(List.of(store), "mem")
            .data(new DataSettings(1 << 30, "sha512", "node-b"))
            .build();
    private final InMemoryNodeLeases leases = new InMemoryNodeLeases();
    private final NodeLease leaseA = new NodeLease(leases, "node-a", LEASE, a.clock, a.core::recoverWorkOf);
    private final NodeLease leaseB = new NodeLease(leases, "node-b", LEASE, a.clock, coreB::recoverWorkOf);

    private void pass(Duration time) {
        for (long s = 0; s < time.toSeconds(); s++) {
            a.clock.tick();
        }
    }

    /** An image as a crash of {@code node} in the middle of its upload leaves it, with its partial object. */
    private Image leftSaving(String node) {
        Image queued = a.queued("raw", "bare");
        Image saving = a.images.update(queued.toBuilder()
                .status(ImageStatus.SAVING)
                .property(DefaultImageDataService.UPLOAD_NODE, node)
                .build());
        store.put(saving.id(), GeneratedBytes.array(100, 1));
        return saving;
    }

    @Test
    void theNodeRenewsEveryThirdOfItsLease() {
        assertThat(leaseA.renewInterval()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theUploadsOfANodeWhoseLeaseEndedAreQueuedAgainByOneLiveNodeAndLoseTheirData() {
        Image orphan = leftSaving("node-a");
        Image livesOn = leftSaving("node-b");
        assertThat(leaseA.register()).isTrue();
        assertThat(leaseB.register()).isTrue();

        pass(LEASE.minusSeconds(1));
        leaseB.renew();
        assertThat(leaseB.recoverDeadNodes())
                .as("node-a's lease has not ended yet")
                .isEmpty();
        assertThat(a.stored(orphan.id()).status()).isEqualTo(ImageStatus.SAVING);

        pass(Duration.ofSeconds(2));
        leaseB.renew();
        NodeLease leaseC = new NodeLease(leases, "node-c", LEASE, a.clock, dead -> {
            throw new AssertionError("node-c must not recover " + dead + ": node-b claimed it");
        });
        NodeLease racingB = new NodeLease(leases, "node-b", LEASE, a.clock, dead -> {
            assertThat(leaseC.recoverDeadNodes())
                    .as("while node-b recovers, nobody else claims")
                    .isEmpty();
            return coreB.recoverWorkOf(dead);
        });
        assertThat(racingB.recoverDeadNodes()).containsExactly("node-a");

        Image back = a.stored(orphan.id());
        assertThat(back.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(back.properties()).doesNotContainKey(DefaultImageDataService.UPLOAD_NODE);
        assertThat(a.stored(livesOn.id()).status()).isEqualTo(ImageStatus.SAVING);
        assertThat(store.objectCount()).as("only node-b's object is left").isEqualTo(1);
        assertThat(leases.all()).extracting(l -> l.nodeId()).containsExactly("node-b");
        assertThat(leaseB.recoverDeadNodes()).isEmpty();
    }

    @Test
    void aNodeThatIsLateButRenewsBeforeAnyClaimKeepsItsUpload() {
        leaseA.register();
        leaseB.register();
        Image running = leftSaving("node-a");

        pass(LEASE.plusSeconds(5));
        assertThat(leaseA.renew()).isEqualTo(NodeLease.Renewal.RENEWED);
        leaseB.renew();

        assertThat(leaseB.recoverDeadNodes()).isEmpty();
        assertThat(a.stored(running.id()).status()).isEqualTo(ImageStatus.SAVING);
        assertThat(store.objectCount()).isEqualTo(1);
    }

    @Test
    void aNodeDoesNotRecoverItselfWhenItIsLate() {
        leaseA.register();
        Image running = leftSaving("node-a");
        pass(LEASE.plusSeconds(5));

        assertThat(leaseA.recoverDeadNodes()).isEmpty();
        assertThat(a.stored(running.id()).status()).isEqualTo(ImageStatus.SAVING);
    }

    @Test
    void aNodeTooLateToRenewFailsItsRunningUploadCleanlyAndRegistersAgain() throws Exception {
        leaseA.register();
        leaseB.register();
        Image image = a.queued("raw", "bare");
        CountDownLatch release = new CountDownLatch(1);
        InputStream held = new HeldStream(GeneratedBytes.array(64, 7), release);
        CompletableFuture<Image> upload = CompletableFuture.supplyAsync(
                () -> a.core.imageData().upload(CoreFixture.OWNER_MEMBER, image.id(), held, 64));
        awaitStatus(image.id(), ImageStatus.SAVING);

        pass(LEASE.plusSeconds(1));
        leaseB.renew();
        assertThat(leaseB.recoverDeadNodes()).containsExactly("node-a");
        assertThat(a.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);

        release.countDown();
        assertThatThrownBy(() -> upload.get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT));
        Image after = a.stored(image.id());
        assertThat(after.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(after.locations()).isEmpty();
        assertThat(store.objectCount()).isZero();

        assertThat(leaseA.renew()).isEqualTo(NodeLease.Renewal.REGISTERED_AGAIN);
        assertThat(leaseA.renew()).isEqualTo(NodeLease.Renewal.RENEWED);
        assertThat(a.upload(after, GeneratedBytes.of(10, 3), 10).status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void aLateNodeWhoseUploadWasTakenOverLeavesTheNewUploadOfAnotherNodeAlone() throws Exception {
        leaseA.register();
        leaseB.register();
        Image image = a.queued("raw", "bare");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Image> late = CompletableFuture.supplyAsync(() -> a.core.imageData()
                .upload(
                        CoreFixture.OWNER_MEMBER,
                        image.id(),
                        new HeldStream(GeneratedBytes.array(64, 7), release),
                        64));
        awaitStatus(image.id(), ImageStatus.SAVING);
        pass(LEASE.plusSeconds(1));
        leaseB.renew();
        assertThat(leaseB.recoverDeadNodes()).containsExactly("node-a");

        // a client uploads again through node-b, which is still streaming when the late upload ends
        Image retried = a.images.update(a.stored(image.id()).toBuilder()
                .status(ImageStatus.SAVING)
                .property(DefaultImageDataService.UPLOAD_NODE, "node-b")
                .build());
        release.countDown();
        assertThatThrownBy(() -> late.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

        Image after = a.stored(image.id());
        assertThat(after.status()).isEqualTo(ImageStatus.SAVING);
        assertThat(after.properties()).containsEntry(DefaultImageDataService.UPLOAD_NODE, "node-b");
        assertThat(after.revision()).isEqualTo(retried.revision());
    }

    private void awaitStatus(String imageId, ImageStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (a.stored(imageId).status() != status) {
            assertThat(System.nanoTime())
                    .as("image " + imageId + " reaches " + status)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Gives its bytes, then blocks before the end of the stream until released: an upload held open. */
    private static final class HeldStream extends InputStream {
        private final byte[] bytes;
        private final CountDownLatch release;
        private int next;

        HeldStream(byte[] bytes, CountDownLatch release) {
            this.bytes = bytes;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            if (next == bytes.length - 1) {
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            return next < bytes.length ? bytes[next++] & 0xff : -1;
        }
    }
}
