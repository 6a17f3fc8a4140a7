package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.TusUploadService;
import org.glance4j.ports.in.TusUploadService.Creation;
import org.glance4j.ports.in.TusUploadService.Progress;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.StatedDigest.Encoding;
import org.glance4j.ports.model.TusUpload;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.InMemoryTusUploadRepository;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.glance4j.staging.FileResumablePartFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumable (tus) uploads in the core, over the in-memory repositories and store and real part files: the image's
 * status while uploads exist, offsets, chunk checksums, the size cap, termination, expiry, concatenation, and an
 * image that ends exactly as after {@code PUT /file}.
 */
class TusUploadServiceTest {

    private static final RequestContext OWNER = CoreFixture.OWNER_MEMBER;
    private static final Duration EXPIRY = Duration.ofHours(24);
    private static final long CAP = 10L * 1024 * 1024;

    @TempDir
    Path dir;

    private final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    private final InMemoryImageRepository images = new InMemoryImageRepository(members);
    private final InMemoryTusUploadRepository records = new InMemoryTusUploadRepository();
    private final InMemoryImageStore store = new InMemoryImageStore("mem");
    private final CoreFixture.MutableClock clock = new CoreFixture().clock;
    private final byte[] bytes = GeneratedBytes.array(3 * ParallelDigestInputStream.BUFFER_SIZE + 12345, 11);
    private FileResumablePartFiles parts;
    private GlanceCore core;
    private TusUploadService tus;

    @BeforeEach
    void setUp() {
        parts = new FileResumablePartFiles(dir.resolve("tus"));
        core = GlanceCore.builder()
                .images(images)
                .members(members)
                .settings(CoreSettings.defaults())
                .clock(clock)
                .stores(List.of(store), "mem")
                .data(new DataSettings(CAP, "sha512", "node-1"))
                .tus(records, parts, EXPIRY)
                .importing(
                        new org.glance4j.ports.testing.task.InMemoryTaskRepository(),
                        org.glance4j.core.settings.ImportSettings.defaults(),
                        importIo(dir.resolve("staging")))
                .build();
        tus = core.tus();
    }

    private static org.glance4j.core.importing.ImportIo importIo(Path staging) {
        org.glance4j.staging.FileStagingArea area = new org.glance4j.staging.FileStagingArea(staging);
        return new org.glance4j.core.importing.ImportIo(
                area,
                new org.glance4j.http.fetch.JdkWebSource(),
                new org.glance4j.staging.QemuImgTool(area, "qemu-img"));
    }

    private Image queued(String diskFormat, String containerFormat) {
        clock.tick();
        java.util.HashMap<String, Object> body = new java.util.HashMap<>();
        body.put("name", "tus");
        body.put("visibility", "private");
        if (diskFormat != null) {
            body.put("disk_format", diskFormat);
        }
        if (containerFormat != null) {
            body.put("container_format", containerFormat);
        }
        return core.images().create(OWNER, body);
    }

    private static Creation whole(long length, StatedDigest... stated) {
        return new Creation(length, TusUpload.Kind.WHOLE, List.of(), "filename ZGlzaw==", List.of(stated), null);
    }

    private Progress append(Image image, Progress upload, long offset, byte[] data, int from, int to) {
        return tus.append(
                OWNER,
                image.id(),
                upload.upload().id(),
                offset,
                new ByteArrayInputStream(Arrays.copyOfRange(data, from, to)),
                null);
    }

    private Image stored(String id) {
        return images.find(id).orElseThrow();
    }

    private static String hex(String jdkName, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(jdkName).digest(data));
    }

    private static void assertCategory(Runnable call, ErrorCategory category) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        GlanceException.class,
                        e -> assertThat(e.category()).as(e.getMessage()).isEqualTo(category));
    }

    @Test
    void anUploadInSeveralAppendsMakesTheImageActiveAsPutFileDoes() throws Exception {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(bytes.length));
        assertThat(created.offset()).isZero();
        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.UPLOADING);

        Progress first = append(image, created, 0, bytes, 0, 1000);
        assertThat(first.offset()).isEqualTo(1000);
        assertThat(first.imageActive()).isFalse();
        assertThat(tus.progress(OWNER, image.id(), created.upload().id()).offset())
                .isEqualTo(1000);
        Progress second = append(image, created, 1000, bytes, 1000, 2_000_000);
        Progress last = append(image, created, 2_000_000, bytes, 2_000_000, bytes.length);

        assertThat(second.offset()).isEqualTo(2_000_000);
        assertThat(last.offset()).isEqualTo(bytes.length);
        assertThat(last.imageActive()).isTrue();
        Image active = stored(image.id());
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isEqualTo(bytes.length);
        assertThat(active.checksum()).isEqualTo(hex("MD5", bytes));
        assertThat(active.osHashAlgo()).isEqualTo("sha512");
        assertThat(active.osHashValue()).isEqualTo(hex("SHA-512", bytes));
        assertThat(active.virtualSize()).isEqualTo(bytes.length);
        assertThat(active.properties()).doesNotContainKey(DefaultImageDataService.UPLOAD_NODE);
        try (InputStream in = store.read(active.locations().get(0).url(), null)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(records.ofImage(image.id())).as("the upload is forgotten").isEmpty();
        assertThat(parts.size(created.upload().id())).isEmpty();
    }

    @Test
    void anAppendAtAnotherOffsetIsAConflictAndChangesNothing() {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(bytes.length));
        append(image, created, 0, bytes, 0, 100);

        assertCategory(() -> append(image, created, 50, bytes, 50, 200), ErrorCategory.CONFLICT);
        assertCategory(() -> append(image, created, 0, bytes, 0, 200), ErrorCategory.CONFLICT);

        assertThat(tus.progress(OWNER, image.id(), created.upload().id()).offset())
                .isEqualTo(100);
    }

    @Test
    void aChunkWhoseChecksumDiffersIsDiscardedAndAMatchingOneKept() throws Exception {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(bytes.length));
        byte[] chunk = Arrays.copyOfRange(bytes, 0, 5000);
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(chunk);
        byte[] wrong = sha1.clone();
        wrong[0] ^= 1;
        String id = created.upload().id();

        assertCategory(
                () -> tus.append(
                        OWNER,
                        image.id(),
                        id,
                        0,
                        new ByteArrayInputStream(chunk),
                        new StatedDigest("sha1", wrong, "Upload-Checksum", "sha1", Encoding.BASE64)),
                ErrorCategory.CHECKSUM_MISMATCH);
        assertThat(tus.progress(OWNER, image.id(), id).offset()).isZero();

        Progress kept = tus.append(
                OWNER,
                image.id(),
                id,
                0,
                new ByteArrayInputStream(chunk),
                new StatedDigest("sha1", sha1, "Upload-Checksum", "sha1", Encoding.BASE64));
        assertThat(kept.offset()).isEqualTo(5000);
    }

    @Test
    void bytesReceivedBeforeABrokenConnectionAreKept() {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(bytes.length));
        InputStream breaking = new InputStream() {
            private int sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= 7000) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(len, 7000 - sent);
                System.arraycopy(bytes, sent, b, off, n);
                sent += n;
                return n;
            }
        };

        assertThatThrownBy(() -> tus.append(OWNER, image.id(), created.upload().id(), 0, breaking, null))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(tus.progress(OWNER, image.id(), created.upload().id()).offset())
                .isEqualTo(7000);
        Progress done = append(image, created, 7000, bytes, 7000, bytes.length);
        assertThat(done.imageActive()).isTrue();
        assertThat(stored(image.id()).size()).isEqualTo(bytes.length);
    }

    @Test
    void moreBytesThanTheLengthAreRefusedAndNotKept() {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(100));

        assertCategory(() -> append(image, created, 0, bytes, 0, 101), ErrorCategory.INVALID);
        assertThat(tus.progress(OWNER, image.id(), created.upload().id()).offset())
                .isZero();
    }

    @Test
    void anUploadOverTheSizeCapIsRefusedAndTheImageStaysQueued() {
        Image image = queued("raw", "bare");

        assertCategory(() -> tus.create(OWNER, image.id(), whole(CAP + 1)), ErrorCategory.TOO_LARGE);
        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(tus.maxSize()).isEqualTo(CAP);
    }

    @Test
    void onlyAQueuedImageWithFormatsTakesAnUpload() {
        Image noFormats = queued(null, null);
        assertCategory(() -> tus.create(OWNER, noFormats.id(), whole(10)), ErrorCategory.INVALID);
        assertThat(stored(noFormats.id()).status()).isEqualTo(ImageStatus.QUEUED);

        Image image = queued("raw", "bare");
        core.imageData().upload(OWNER, image.id(), new ByteArrayInputStream(new byte[10]), 10);
        assertCategory(() -> tus.create(OWNER, image.id(), whole(10)), ErrorCategory.CONFLICT);
    }

    @Test
    void aReaderMayNotUploadAndAnotherProjectDoesNotSeeTheImage() {
        Image image = queued("raw", "bare");
        assertCategory(() -> tus.create(CoreFixture.OWNER_READER, image.id(), whole(10)), ErrorCategory.FORBIDDEN);
        assertCategory(() -> tus.create(CoreFixture.OTHER_MEMBER, image.id(), whole(10)), ErrorCategory.NOT_FOUND);
        Progress created = tus.create(OWNER, image.id(), whole(10));
        assertCategory(
                () -> tus.progress(
                        CoreFixture.OTHER_MEMBER, image.id(), created.upload().id()),
                ErrorCategory.NOT_FOUND);
    }

    @Test
    void terminatingTheLastUploadDeletesItsBytesAndQueuesTheImage() {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(bytes.length));
        append(image, created, 0, bytes, 0, 100);

        tus.terminate(OWNER, image.id(), created.upload().id());

        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(parts.size(created.upload().id())).isEmpty();
        assertCategory(() -> tus.progress(OWNER, image.id(), created.upload().id()), ErrorCategory.NOT_FOUND);
        assertThat(tus.create(OWNER, image.id(), whole(10)).offset())
                .as("a new upload may begin")
                .isZero();
    }

    @Test
    void anExpiredUploadIsDeletedWithItsBytesAndTheImageQueuedAgain() {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(bytes.length));
        append(image, created, 0, bytes, 0, 100);
        assertThat(core.expireTusUploads()).isZero();

        for (int i = 0; i < EXPIRY.toSeconds() + 1; i += 3600) {
            for (int s = 0; s < 3600; s++) {
                clock.tick();
            }
        }

        assertCategory(() -> tus.progress(OWNER, image.id(), created.upload().id()), ErrorCategory.NOT_FOUND);
        assertThat(core.expireTusUploads()).isEqualTo(1);
        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(parts.size(created.upload().id())).isEmpty();
        assertThat(records.find(created.upload().id())).isEmpty();
    }

    @Test
    void anAppendPushesTheExpiryBack() {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(bytes.length));
        clock.tick();
        Progress later = append(image, created, 0, bytes, 0, 100);
        assertThat(later.upload().expiresAt()).isAfter(created.upload().expiresAt());
        assertThat(records.find(created.upload().id()).orElseThrow().expiresAt())
                .isEqualTo(later.upload().expiresAt());
    }

    @Test
    void recoveringThisNodesUploadsLeavesAnIdleTusUploadAlone() {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(bytes.length));
        append(image, created, 0, bytes, 0, 100);

        core.recoverInterruptedUploads();
        core.recoverWorkOf("node-1");

        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.UPLOADING);
        assertThat(tus.progress(OWNER, image.id(), created.upload().id()).offset())
                .isEqualTo(100);
    }

    @Test
    void aStatedDigestThatDiffersKeepsNothingAndQueuesTheImage() throws Exception {
        Image image = queued("raw", "bare");
        byte[] md5 = MessageDigest.getInstance("MD5").digest(bytes);
        md5[3] ^= 1;
        Progress created = tus.create(
                OWNER,
                image.id(),
                whole(bytes.length, new StatedDigest("md5", md5, "Content-MD5", null, Encoding.BASE64)));

        assertThatThrownBy(() -> append(image, created, 0, bytes, 0, bytes.length))
                .isInstanceOfSatisfying(GlanceException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID);
                    assertThat(e.getMessage()).contains("Content-MD5");
                });
        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(store.objectCount()).isZero();
        assertThat(records.ofImage(image.id())).isEmpty();
        assertThat(parts.size(created.upload().id())).isEmpty();
    }

    @Test
    void aStoreFailureKeepsTheBytesSoThatAnEmptyAppendAtTheEndCompletesLater() {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(bytes.length));
        store.setUnavailable(true);

        assertCategory(() -> append(image, created, 0, bytes, 0, bytes.length), ErrorCategory.UNAVAILABLE);
        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(tus.progress(OWNER, image.id(), created.upload().id()).offset())
                .isEqualTo(bytes.length);

        store.setUnavailable(false);
        Progress retried = append(image, created, bytes.length, bytes, 0, 0);
        assertThat(retried.imageActive()).isTrue();
        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(stored(image.id()).size()).isEqualTo(bytes.length);
    }

    @Test
    void aZeroByteUploadCompletesWhenCreated() {
        Image image = queued("raw", "bare");
        Progress created = tus.create(OWNER, image.id(), whole(0));
        assertThat(created.imageActive()).isTrue();
        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(stored(image.id()).size()).isZero();
    }

    @Test
    void fourPartialsConcatenatedByAFinalMakeTheImageInTheirOrder() throws Exception {
        Image image = queued("raw", "bare");
        int[] cuts = {0, 1_000_000, 1_500_000, 3_000_001, bytes.length};
        List<Progress> partials = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            partials.add(tus.create(
                    OWNER,
                    image.id(),
                    new Creation(cuts[i + 1] - cuts[i], TusUpload.Kind.PARTIAL, List.of(), null, List.of(), null)));
        }
        // the partials arrive out of order, the last one completing after the final is created
        for (int i : new int[] {2, 0, 3}) {
            append(image, partials.get(i), 0, bytes, cuts[i], cuts[i + 1]);
        }
        Progress finalUpload = tus.create(
                OWNER,
                image.id(),
                new Creation(
                        -1,
                        TusUpload.Kind.FINAL,
                        partials.stream().map(p -> p.upload().id()).toList(),
                        null,
                        List.of(),
                        null));
        assertThat(finalUpload.offset()).as("partials incomplete: no offset").isEqualTo(-1);
        assertThat(finalUpload.upload().length()).isEqualTo(bytes.length);
        assertThat(tus.progress(OWNER, image.id(), finalUpload.upload().id()).offset())
                .isEqualTo(-1);
        assertCategory(() -> append(image, finalUpload, 0, bytes, 0, 10), ErrorCategory.FORBIDDEN);

        Progress last = append(image, partials.get(1), 0, bytes, cuts[1], cuts[2]);

        assertThat(last.imageActive()).isTrue();
        Image active = stored(image.id());
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.checksum()).isEqualTo(hex("MD5", bytes));
        assertThat(active.osHashValue()).isEqualTo(hex("SHA-512", bytes));
        try (InputStream in = store.read(active.locations().get(0).url(), null)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(records.ofImage(image.id())).isEmpty();
    }

    @Test
    void partialsCreatedAtOnceAllSucceed() throws Exception {
        for (int round = 0; round < 20; round++) {
            Image image = queued("raw", "bare");
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            try {
                List<java.util.concurrent.Future<Progress>> created = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    created.add(threads.submit(() -> {
                        start.await();
                        return tus.create(
                                OWNER,
                                image.id(),
                                new Creation(10, TusUpload.Kind.PARTIAL, List.of(), null, List.of(), null));
                    }));
                }
                start.countDown();
                for (java.util.concurrent.Future<Progress> each : created) {
                    assertThat(each.get(60, java.util.concurrent.TimeUnit.SECONDS)
                                    .offset())
                            .isZero();
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(records.ofImage(image.id())).hasSize(4);
            assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.UPLOADING);
        }
    }

    @Test
    void anImageUploadingThroughTusRefusesPutFileStageAndImport() {
        Image image = queued("raw", "bare");
        tus.create(OWNER, image.id(), whole(100));

        assertCategory(
                () -> core.imageData().upload(OWNER, image.id(), new ByteArrayInputStream(new byte[10]), 10),
                ErrorCategory.CONFLICT);
        assertCategory(
                () -> core.importing().stage(OWNER, image.id(), new ByteArrayInputStream(new byte[10]), 10),
                ErrorCategory.CONFLICT);
        assertCategory(
                () -> core.importing()
                        .importImage(
                                OWNER,
                                image.id(),
                                java.util.Map.of("method", java.util.Map.of("name", "glance-direct")),
                                null),
                ErrorCategory.CONFLICT);
        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.UPLOADING);
        assertThat(records.ofImage(image.id())).hasSize(1);
    }

    @Test
    void aStagedImageTakesNoTusUpload() {
        Image image = queued("raw", "bare");
        images.update(stored(image.id()).toBuilder()
                .status(ImageStatus.UPLOADING)
                .property("os_glance_stage_host", "node-1")
                .build());

        assertCategory(() -> tus.create(OWNER, image.id(), whole(10)), ErrorCategory.CONFLICT);
        assertThat(records.ofImage(image.id()))
                .as("nothing left of the refused creation")
                .isEmpty();
    }

    @Test
    void theLastPartialArrivingWhileAnotherRequestCompletesTheImageKeepsItsBytesWithoutAnError() {
        Image image = queued("raw", "bare");
        List<Progress> partials = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            partials.add(tus.create(
                    OWNER, image.id(), new Creation(100, TusUpload.Kind.PARTIAL, List.of(), null, List.of(), null)));
        }
        tus.create(
                OWNER,
                image.id(),
                new Creation(
                        -1,
                        TusUpload.Kind.FINAL,
                        partials.stream().map(p -> p.upload().id()).toList(),
                        null,
                        List.of(),
                        null));
        append(image, partials.get(0), 0, bytes, 0, 100);
        // another node's request completes the image right now
        images.update(stored(image.id()).toBuilder()
                .status(ImageStatus.SAVING)
                .property(DefaultImageDataService.UPLOAD_NODE, "node-2")
                .build());

        Progress last = append(image, partials.get(1), 0, bytes, 100, 200);

        assertThat(last.offset()).isEqualTo(100);
        assertThat(last.imageActive()).isFalse();
        assertThat(stored(image.id()).status()).isEqualTo(ImageStatus.SAVING);
    }

    @Test
    void aFinalNamingAnUploadThatIsNoPartialOfThisImageIsRefused() {
        Image image = queued("raw", "bare");
        Progress wholeUpload = tus.create(OWNER, image.id(), whole(10));
        assertCategory(
                () -> tus.create(
                        OWNER,
                        image.id(),
                        new Creation(
                                -1,
                                TusUpload.Kind.FINAL,
                                List.of(wholeUpload.upload().id()),
                                null,
                                List.of(),
                                null)),
                ErrorCategory.INVALID);
    }
}
