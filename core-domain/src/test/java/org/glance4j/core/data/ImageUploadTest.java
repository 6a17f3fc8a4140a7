package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glance4j.core.CoreFixture.ADMIN;
import static org.glance4j.core.CoreFixture.OTHER_MEMBER;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;
import static org.glance4j.core.CoreFixture.OWNER_READER;
import static org.glance4j.core.CoreFixture.assertFails;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.store.FailingInputStream;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

class ImageUploadTest {

    private static final int SIZE = 3 * ParallelDigestInputStream.BUFFER_SIZE + 12345;

    private final InMemoryImageStore store = new InMemoryImageStore("mem");
    private final DataFixture f = new DataFixture(store);

    static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    @Test
    void uploadMakesTheImageActiveWithChecksumsSizeAndLocation() throws Exception {
        Image image = f.queued("raw", "bare");
        byte[] bytes = GeneratedBytes.array(SIZE, 1);

        Image active = f.upload(image, new ByteArrayInputStream(bytes), SIZE);

        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isEqualTo(SIZE);
        assertThat(active.virtualSize()).isEqualTo(SIZE);
        assertThat(active.checksum()).isEqualTo(hex("MD5", bytes));
        assertThat(active.osHashAlgo()).isEqualTo("sha512");
        assertThat(active.osHashValue()).isEqualTo(hex("SHA-512", bytes));
        assertThat(active.properties()).doesNotContainKey(DefaultImageDataService.UPLOAD_NODE);
        assertThat(active.locations()).singleElement().satisfies(l -> {
            assertThat(l.storeId()).isEqualTo("mem");
            assertThat(l.metadata()).containsEntry("store", "mem");
        });
        assertThat(f.stored(image.id())).isEqualTo(active);
        assertThat(store.objectCount()).isEqualTo(1);
        try (var download = f.core.imageData().download(OWNER_MEMBER, image.id(), null)) {
            assertThat(download.body().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void unknownSizeIsAccepted() throws Exception {
        Image image = f.queued("raw", "bare");
        byte[] bytes = GeneratedBytes.array(1000, 2);
        assertThat(f.upload(image, new ByteArrayInputStream(bytes), -1).size()).isEqualTo(1000);
    }

    @Test
    void zeroByteRawUploadKeepsNoVirtualSize() {
        Image image = f.queued("raw", "bare");
        Image active = f.upload(image, new ByteArrayInputStream(new byte[0]), 0);
        assertThat(active.size()).isZero();
        assertThat(active.virtualSize()).isNull();
        assertThat(active.checksum()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void imagesInOtherContainersThanBareAreNotInspectedAndGetNoVirtualSize() {
        Image image = f.queued("qcow2", "ovf");
        assertThat(f.upload(image, GeneratedBytes.of(100, 3), 100).virtualSize())
                .isNull();
        assertThat(f.upload(f.queued("raw", "ova"), GeneratedBytes.of(100, 3), 100)
                        .virtualSize())
                .isNull();
    }

    @Test
    void configuredHashingAlgorithmIsUsed() throws Exception {
        InMemoryImageStore mem = new InMemoryImageStore("mem");
        DataFixture sha256 = new DataFixture(List.of(mem), "mem", new DataSettings(1 << 30, "sha256", "n1"));
        Image image = sha256.queued("raw", "bare");
        byte[] bytes = GeneratedBytes.array(5000, 4);
        Image active = sha256.upload(image, new ByteArrayInputStream(bytes), 5000);
        assertThat(active.osHashAlgo()).isEqualTo("sha256");
        assertThat(active.osHashValue()).isEqualTo(hex("SHA-256", bytes));
    }

    @Test
    void unknownHashingAlgorithmFailsAtBuildTime() {
        assertThatThrownBy(() -> GlanceCore.builder()
                        .images(new InMemoryImageRepository(new InMemoryImageMemberRepository()))
                        .members(new InMemoryImageMemberRepository())
                        .data(new DataSettings(1, "blake2b", "n"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blake2b");
    }

    @Test
    void theDefaultStoreMustBeOneOfTheStores() {
        assertThatThrownBy(() -> GlanceCore.builder()
                        .images(new InMemoryImageRepository(new InMemoryImageMemberRepository()))
                        .members(new InMemoryImageMemberRepository())
                        .stores(List.of(new InMemoryImageStore("a"), new InMemoryImageStore("b")), "c")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'c'");
    }

    @Test
    void policyPerPersona() {
        Image image = f.queued("raw", "bare");
        assertFails(
                ErrorCategory.FORBIDDEN,
                "upload_image",
                () -> f.core.imageData().upload(OWNER_READER, image.id(), GeneratedBytes.of(10, 1), 10));
        assertFails(
                ErrorCategory.NOT_FOUND,
                () -> f.core.imageData().upload(OTHER_MEMBER, image.id(), GeneratedBytes.of(10, 1), 10));
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);

        Image shared = f.queued(OWNER_MEMBER, "community", "raw", "bare");
        assertFails(
                ErrorCategory.FORBIDDEN,
                () -> f.core.imageData().upload(OTHER_MEMBER, shared.id(), GeneratedBytes.of(10, 1), 10));

        assertThat(f.core.imageData()
                        .upload(ADMIN, image.id(), GeneratedBytes.of(10, 1), 10)
                        .status())
                .isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void secondUploadIsAConflict() {
        Image image = f.queued("raw", "bare");
        f.upload(image, GeneratedBytes.of(10, 1), 10);
        assertFails(
                ErrorCategory.CONFLICT,
                "Image status transition from active to saving is not allowed",
                () -> f.upload(image, GeneratedBytes.of(10, 1), 10));
        assertThat(store.objectCount()).isEqualTo(1);
    }

    @Test
    void formatsAreRequired() {
        Image image = f.queued(null, null);
        assertFails(
                ErrorCategory.INVALID,
                "Properties disk_format, container_format must be set prior to saving data.",
                () -> f.upload(image, GeneratedBytes.of(10, 1), 10));
        Image noContainer = f.queued("raw", null);
        assertFails(
                ErrorCategory.INVALID,
                "Property container_format must be set prior to saving data.",
                () -> f.upload(noContainer, GeneratedBytes.of(10, 1), 10));
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void clientStreamFailingMidwayLeavesTheImageQueuedAndTheStoreEmpty() {
        Image image = f.queued("raw", "bare");
        assertFails(
                ErrorCategory.INVALID,
                "could not be read",
                () -> f.upload(image, FailingInputStream.throwingIo(2_500_000, new IOException("reset")), -1));
        assertQueuedAndEmpty(image);
        assertThat(f.upload(image, GeneratedBytes.of(10, 1), 10).status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void sizeCapIsEnforcedWhileStreaming() {
        DataFixture capped = new DataFixture(List.of(store), "mem", new DataSettings(2_000_000, "sha512", "n"));
        Image image = capped.queued("raw", "bare");
        assertFails(
                ErrorCategory.TOO_LARGE,
                "The incoming image is too large",
                () -> capped.upload(image, GeneratedBytes.of(2_000_001, 1), -1));
        assertThat(capped.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(store.objectCount()).isZero();
        assertThat(capped.upload(image, GeneratedBytes.of(2_000_000, 1), -1).size())
                .isEqualTo(2_000_000);
    }

    @Test
    void declaredSizeOverTheCapIsRefusedBeforeAnyByteIsRead() {
        DataFixture capped = new DataFixture(List.of(store), "mem", new DataSettings(100, "sha512", "n"));
        Image image = capped.queued("raw", "bare");
        assertFails(ErrorCategory.TOO_LARGE, () -> capped.upload(image, GeneratedBytes.of(10, 1), 101));
        assertThat(capped.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void declaredSizeMustMatch() {
        Image image = f.queued("raw", "bare");
        assertFails(
                ErrorCategory.INVALID,
                "Size mismatch: expected 2000 bytes, got 1999 bytes",
                () -> f.upload(image, GeneratedBytes.of(1999, 1), 2000));
        assertQueuedAndEmpty(image);
        assertFails(
                ErrorCategory.INVALID,
                "Size exceeds: expected 2000 bytes",
                () -> f.upload(image, GeneratedBytes.of(SIZE, 1), 2000));
        assertQueuedAndEmpty(image);
    }

    @Test
    void storeFailuresKeepTheirCategoryAndLeaveTheImageQueued() {
        TestStores.FailingWriteStore full = new TestStores.FailingWriteStore(
                store, () -> GlanceException.tooLarge("There is not enough disk space on the image storage media."));
        DataFixture fullFixture = new DataFixture(full);
        Image image = fullFixture.queued("raw", "bare");
        assertFails(
                ErrorCategory.TOO_LARGE,
                "Image storage media is full: There is not enough disk space",
                () -> fullFixture.upload(image, GeneratedBytes.of(SIZE, 1), SIZE));
        assertThat(fullFixture.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);

        store.setUnavailable(true);
        Image other = f.queued("raw", "bare");
        assertFails(
                ErrorCategory.UNAVAILABLE,
                "Store 'mem' is unavailable",
                () -> f.upload(other, GeneratedBytes.of(10, 1), 10));
        assertThat(f.stored(other.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(f.stored(other.id()).properties()).doesNotContainKey(DefaultImageDataService.UPLOAD_NODE);
    }

    @Test
    void unexpectedStoreFailureIsInternalAndLeavesTheImageQueued() {
        DataFixture broken =
                new DataFixture(new TestStores.FailingWriteStore(store, () -> new IllegalStateException("bug")));
        Image image = broken.queued("raw", "bare");
        assertFails(ErrorCategory.INTERNAL, "internal error", () -> broken.upload(image, GeneratedBytes.of(10, 1), 10));
        assertThat(broken.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void withoutAnyStoreAnUploadIsUnavailableAndTheImageStaysQueued() {
        CoreFixture plain = new CoreFixture();
        Image image = plain.create(OWNER_MEMBER, "disk_format", "raw", "container_format", "bare");
        assertFails(
                ErrorCategory.UNAVAILABLE,
                "No image store is configured",
                () -> plain.core.imageData().upload(OWNER_MEMBER, image.id(), GeneratedBytes.of(10, 1), 10));
        assertThat(plain.images.find(image.id()).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(plain.core
                        .imageData()
                        .download(OWNER_MEMBER, image.id(), null)
                        .hasData())
                .isFalse();
    }

    @Test
    void ofTwoRacingUploadsExactlyOneWins() throws Exception {
        TestStores.GatedStore gated = new TestStores.GatedStore(store);
        DataFixture racing = new DataFixture(gated);
        Image image = racing.queued("raw", "bare");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.Callable<Image> upload = () -> {
                start.await();
                return racing.core.imageData().upload(OWNER_MEMBER, image.id(), GeneratedBytes.of(100, 5), 100);
            };
            java.util.concurrent.CompletionService<Image> race =
                    new java.util.concurrent.ExecutorCompletionService<>(threads);
            Future<Image> a = race.submit(upload);
            Future<Image> b = race.submit(upload);
            gated.entered.await();
            // the winner waits at the gate, so the first to finish is the loser
            Future<Image> loser = race.take();
            assertThatThrownBy(loser::get)
                    .cause()
                    .isInstanceOf(GlanceException.class)
                    .satisfies(e -> assertThat(((GlanceException) e).category()).isEqualTo(ErrorCategory.CONFLICT));
            assertThat(racing.stored(image.id()).status()).isEqualTo(ImageStatus.SAVING);
            gated.gate.countDown();
            Future<Image> winner = loser == a ? b : a;
            assertThat(winner.get().status()).isEqualTo(ImageStatus.ACTIVE);
            assertThat(store.objectCount()).isEqualTo(1);
        } finally {
            gated.gate.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void deleteWhileSavingRemovesTheWrittenDataAndKeepsTheImageDeleted() throws Exception {
        TestStores.GatedStore gated = new TestStores.GatedStore(store);
        DataFixture fixture = new DataFixture(gated);
        Image image = fixture.queued("raw", "bare");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Image> upload = thread.submit(
                    () -> fixture.core.imageData().upload(OWNER_MEMBER, image.id(), GeneratedBytes.of(SIZE, 6), SIZE));
            gated.entered.await();
            fixture.core.images().delete(OWNER_MEMBER, image.id());
            gated.gate.countDown();
            assertThatThrownBy(upload::get)
                    .cause()
                    .isInstanceOf(GlanceException.class)
                    .hasMessageContaining("may have been deleted during the upload")
                    .satisfies(e -> assertThat(((GlanceException) e).category()).isEqualTo(ErrorCategory.NOT_FOUND));
            assertThat(fixture.stored(image.id()).status()).isEqualTo(ImageStatus.DELETED);
            assertThat(store.objectCount()).isZero();
        } finally {
            gated.gate.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void patchWhileSavingIsKeptByTheUpload() throws Exception {
        TestStores.GatedStore gated = new TestStores.GatedStore(store);
        DataFixture fixture = new DataFixture(gated);
        Image image = fixture.queued("raw", "bare");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Image> upload = thread.submit(
                    () -> fixture.core.imageData().upload(OWNER_MEMBER, image.id(), GeneratedBytes.of(100, 6), 100));
            gated.entered.await();
            fixture.core
                    .images()
                    .update(
                            OWNER_MEMBER,
                            image.id(),
                            List.of(new org.glance4j.ports.in.PatchOperation("replace", "/name", "renamed", true)));
            gated.gate.countDown();
            Image active = upload.get();
            assertThat(active.name()).isEqualTo("renamed");
            assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        } finally {
            gated.gate.countDown();
            thread.shutdownNow();
        }
    }

    private void assertQueuedAndEmpty(Image image) {
        Image now = f.stored(image.id());
        assertThat(now.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(now.size()).isNull();
        assertThat(now.checksum()).isNull();
        assertThat(now.hasData()).isFalse();
        assertThat(now.properties()).doesNotContainKey(DefaultImageDataService.UPLOAD_NODE);
        assertThat(store.objectCount()).isZero();
    }
}
