package org.glance4j.storage.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the rbd store does beyond the contract kit, on a real single-node Ceph: Glance's locations, the protected
 * snapshot that clones need, refusing to delete an image that has clones, growing an image of unknown size, and
 * thin provisioning. Chunks are 1 MiB.
 */
@ExtendWith(CephCluster.class)
class RbdImageStoreTest {
    private static final int MIB = 1024 * 1024;

    private RbdPoolCleaner cleaner;

    @BeforeEach
    void emptyPool() {
        cleaner = new RbdPoolCleaner(CephCluster.get());
        cleaner.removeEverything();
    }

    @AfterEach
    void close() {
        cleaner.close();
    }

    private static ImageStore store(boolean thinProvisioning) {
        Map<String, String> options = CephCluster.get().storeOptions();
        options.put(RbdImageStoreFactory.CHUNK_SIZE.name(), "1");
        options.put(RbdImageStoreFactory.THIN_PROVISIONING.name(), String.valueOf(thinProvisioning));
        return new RbdImageStoreFactory().create("ceph1", options);
    }

    @Test
    void locationIsGlancesWithTheClusterFsidPoolImageAndSnapshot() {
        String imageId = UUID.randomUUID().toString();
        try (ImageStore store = store(false)) {
            StoredObject written = store.write(imageId, new ByteArrayInputStream(new byte[100]), 100);
            assertThat(written.location())
                    .isEqualTo("rbd://" + CephCluster.get().fsid() + "/images/" + imageId + "/snap");
        }
    }

    @Test
    void theSnapshotIsProtectedAfterAWriteAndHoldsTheData() {
        String imageId = UUID.randomUUID().toString();
        byte[] content = GeneratedBytes.array(3 * MIB + 5, 21);
        try (ImageStore store = store(false)) {
            store.write(imageId, new ByteArrayInputStream(content), content.length);
        }
        try (RbdPool pool = cleaner.connection().openPool(CephCluster.POOL);
                RbdImage image = pool.open(imageId);
                RbdImage snapshot = pool.openSnapshot(imageId, "snap")) {
            assertThat(image.isProtected("snap")).isTrue();
            assertThat(snapshot.size()).isEqualTo(content.length);
        }
    }

    @Test
    void anImageWithACloneIsNotDeletedAndTheRefusalIsAConflict() throws IOException {
        String imageId = UUID.randomUUID().toString();
        byte[] content = GeneratedBytes.array(MIB, 22);
        try (ImageStore store = store(false)) {
            String location = store.write(imageId, new ByteArrayInputStream(content), content.length)
                    .location();
            try (RbdPool pool = cleaner.connection().openPool(CephCluster.POOL)) {
                pool.clone(imageId, "snap", "volume-of-" + imageId);
                try (RbdImage image = pool.open(imageId)) {
                    assertThat(image.children("snap")).containsExactly("images/volume-of-" + imageId);
                }

                GlanceException refusal = catchThrowableOfType(GlanceException.class, () -> store.delete(location));

                assertThat(refusal.category()).isEqualTo(ErrorCategory.CONFLICT);
                assertThat(refusal.getMessage()).contains("'ceph1'").contains("in use");
                try (InputStream in = store.read(location, null)) {
                    assertThat(in.readAllBytes()).isEqualTo(content);
                }
                try (RbdImage image = pool.open(imageId)) {
                    assertThat(image.isProtected("snap")).as("still protected").isTrue();
                }
                pool.remove("volume-of-" + imageId);
            }
            assertThat(store.delete(location)).isTrue();
            assertThat(cleaner.images()).isEmpty();
        }
    }

    @Test
    void anImageOfUnknownSizeGrowsAsDataArrivesAndIsCutToItsSize() throws IOException {
        long size = 5L * MIB + MIB / 2 + 3;
        String imageId = UUID.randomUUID().toString();
        try (ImageStore store = store(false)) {
            StoredObject written = store.write(imageId, GeneratedBytes.of(size, 23), -1);

            assertThat(written.size()).isEqualTo(size);
            assertThat(store.size(written.location())).isEqualTo(size);
            assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                    .isEqualTo(GeneratedBytes.sha256(size, 23));
        }
        try (RbdPool pool = cleaner.connection().openPool(CephCluster.POOL);
                RbdImage image = pool.open(imageId)) {
            assertThat(image.size())
                    .as("the image itself, not only its snapshot")
                    .isEqualTo(size);
        }
    }

    @Test
    void anAnnouncedSizeLargerThanTheDataIsCutToTheData() {
        String imageId = UUID.randomUUID().toString();
        try (ImageStore store = store(false)) {
            StoredObject written = store.write(imageId, GeneratedBytes.of(2 * MIB, 24), 10L * MIB);
            assertThat(written.size()).isEqualTo(2 * MIB);
            assertThat(store.size(written.location())).isEqualTo(2 * MIB);
        }
    }

    @Test
    void rangesAcrossChunksAreReadFromTheSnapshot() throws IOException {
        byte[] content = GeneratedBytes.array(3 * MIB + 100, 25);
        try (ImageStore store = store(false)) {
            String location = store.write(UUID.randomUUID().toString(), new ByteArrayInputStream(content), -1)
                    .location();
            for (long[] range :
                    new long[][] {{MIB - 10, 20}, {0, 3 * MIB + 100}, {2 * MIB, MIB + 1000}, {3 * MIB + 99, 1}}) {
                try (InputStream in = store.read(location, new ByteRange(range[0], range[1]))) {
                    int end = (int) Math.min(content.length, range[0] + range[1]);
                    assertThat(in.readAllBytes())
                            .as("range %s", Arrays.toString(range))
                            .isEqualTo(Arrays.copyOfRange(content, (int) range[0], end));
                }
            }
        }
    }

    @Test
    void thinProvisioningLeavesChunksOfZerosUnwritten() throws IOException {
        List<String> ids =
                List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        long[] allocated = new long[2];
        for (int i = 0; i < 2; i++) {
            boolean thin = i == 0;
            try (ImageStore store = store(thin)) {
                StoredObject written = store.write(ids.get(i), zerosWithOneChunkOfData(), -1);
                assertThat(written.size()).isEqualTo(8L * MIB);
                try (InputStream in = store.read(written.location(), null)) {
                    assertThat(in.readAllBytes()).as("thin %s", thin).isEqualTo(expectedZerosWithData());
                }
            }
            try (RbdPool pool = cleaner.connection().openPool(CephCluster.POOL);
                    RbdImage image = pool.open(ids.get(i))) {
                allocated[i] = image.allocatedBytes();
            }
        }
        assertThat(allocated[0]).as("allocated with thin provisioning").isEqualTo(MIB);
        assertThat(allocated[1]).as("allocated without").isEqualTo(8L * MIB);
    }

    @Test
    void anAbandonedPartialImageIsRemovedButNotOneInUseOrComplete() throws Exception {
        String abandoned = UUID.randomUUID().toString();
        String openElsewhere = UUID.randomUUID().toString();
        String complete = UUID.randomUUID().toString();
        try (ImageStore store = store(false);
                RbdPool pool = cleaner.connection().openPool(CephCluster.POOL)) {
            pool.create(abandoned, MIB, 20, Librbd.FEATURE_LAYERING);
            pool.create(openElsewhere, MIB, 20, Librbd.FEATURE_LAYERING);
            store.write(complete, new ByteArrayInputStream(new byte[10]), 10);
            try (RbdImage writer = pool.open(openElsewhere)) {
                assertThat(writer.watchers()).isEqualTo(1);
                assertThat(store.deleteAbandonedWrites(openElsewhere))
                        .as("open for writing by a client")
                        .isZero();
            }
            assertThat(store.deleteAbandonedWrites(complete)).as("complete").isZero();
            assertThat(store.deleteAbandonedWrites(abandoned)).as("abandoned").isEqualTo(1);
            assertThat(store.deleteAbandonedWrites(abandoned)).as("gone").isZero();
            assertThat(cleaner.images()).containsExactlyInAnyOrder(openElsewhere, complete);
        }
    }

    @Test
    void aWriteStillRunningInThisStoreIsNotAbandoned() throws Exception {
        String imageId = UUID.randomUUID().toString();
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream pausing =
                new SequenceInputStream(new ByteArrayInputStream(GeneratedBytes.array(2 * MIB, 27)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        halfway.countDown();
                        try {
                            release.await(2, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        return -1;
                    }
                });
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (ImageStore store = store(false)) {
            Future<StoredObject> written = writer.submit(() -> store.write(imageId, pausing, -1));
            assertThat(halfway.await(2, TimeUnit.MINUTES)).isTrue();

            assertThat(store.deleteAbandonedWrites(imageId)).isZero();

            release.countDown();
            assertThat(written.get(2, TimeUnit.MINUTES).size()).isEqualTo(2 * MIB);
        } finally {
            release.countDown();
            writer.shutdownNow();
        }
    }

    /** 4 MiB of zeros, 1 MiB of data, 3 MiB of zeros. */
    private static InputStream zerosWithOneChunkOfData() {
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(new byte[4 * MIB]),
                new ByteArrayInputStream(GeneratedBytes.array(MIB, 26)),
                new ByteArrayInputStream(new byte[3 * MIB]))));
    }

    private static byte[] expectedZerosWithData() {
        byte[] expected = new byte[8 * MIB];
        System.arraycopy(GeneratedBytes.array(MIB, 26), 0, expected, 4 * MIB, MIB);
        return expected;
    }
}
