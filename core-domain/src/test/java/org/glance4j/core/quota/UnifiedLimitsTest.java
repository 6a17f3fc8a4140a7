package org.glance4j.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;
import static org.glance4j.core.CoreFixture.assertFails;

import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.in.UsageService.ResourceUsage;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.out.ProjectLimits;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/** Glance's unified limits (glance/quota/keystone.py) over an in-memory limits port. */
class UnifiedLimitsTest {

    private static final int MIB = 1024 * 1024;

    /** Keystone's limits as a map: resource name to limit, the same for every project. */
    private static final class FakeLimits implements ProjectLimits {
        final Map<String, Long> limits = new ConcurrentHashMap<>();

        @Override
        public Map<String, Long> limitsOf(String projectId, Collection<String> resourceNames) {
            Map<String, Long> answer = new HashMap<>();
            resourceNames.stream().filter(limits::containsKey).forEach(n -> answer.put(n, limits.get(n)));
            return answer;
        }
    }

    private final FakeLimits limits = new FakeLimits();
    private final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    private final InMemoryImageRepository images = new InMemoryImageRepository(members);
    private final GlanceCore core = GlanceCore.builder()
            .images(images)
            .members(members)
            .stores(List.of(new InMemoryImageStore("mem")), "mem")
            .limits(limits)
            .build();

    private Image create() {
        return core.images().create(OWNER_MEMBER, Map.of("disk_format", "raw", "container_format", "bare"));
    }

    @Test
    void aNewImageBeyondImageCountTotalIsTooLargeWithGlancesMessage() {
        limits.limits.putAll(Map.of(
                "image_count_total",
                2L,
                "image_size_total",
                100L,
                "image_stage_total",
                100L,
                "image_count_uploading",
                5L));
        create();
        create();

        assertFails(
                ErrorCategory.TOO_LARGE,
                "The request returned a 413 Request Entity Too Large. This generally "
                        + "means that rate limiting or a quota threshold was breached.\n\nThe response body:\nProject "
                        + CoreFixture.OWNER_PROJECT
                        + " is over a limit for [Resource image_count_total is over limit of 2 "
                        + "due to current usage 2 and delta 1]",
                this::create);
    }

    @Test
    void aLimitNobodyRegisteredIsZero() {
        assertFails(ErrorCategory.TOO_LARGE, "over limit of 0", this::create);
    }

    @Test
    void anUploadIsCheckedAgainstStoredBytesBeforeAndTheImageStaysQueued() {
        limits.limits.putAll(Map.of("image_count_total", 10L, "image_size_total", 2L, "image_count_uploading", 5L));
        Image first = create();
        core.imageData().upload(OWNER_MEMBER, first.id(), new ByteArrayInputStream(new byte[3 * MIB]), -1);
        Image second = create();

        assertFails(
                ErrorCategory.TOO_LARGE,
                "Resource image_size_total is over limit of 2 due to current usage 3 " + "and delta 0",
                () -> core.imageData().upload(OWNER_MEMBER, second.id(), new ByteArrayInputStream(new byte[10]), 10));
        assertThat(images.find(second.id()).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void aDeclaredSizeCountsAsDelta() {
        limits.limits.putAll(Map.of("image_count_total", 10L, "image_size_total", 2L, "image_count_uploading", 5L));
        Image image = create();

        assertFails(
                ErrorCategory.TOO_LARGE,
                "over limit of 2 due to current usage 0 and delta 3",
                () -> core.imageData()
                        .upload(OWNER_MEMBER, image.id(), new ByteArrayInputStream(new byte[3 * MIB]), 3 * MIB));
        assertThat(images.find(image.id()).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void anUploadBeyondImageCountUploadingIsRefusedAndTheImageGoesBackToQueued() {
        limits.limits.putAll(Map.of("image_count_total", 10L, "image_size_total", 100L, "image_count_uploading", 0L));
        Image image = create();

        assertFails(
                ErrorCategory.TOO_LARGE,
                "Resource image_count_uploading is over limit of 0 due to current " + "usage 1 and delta 0",
                () -> core.imageData().upload(OWNER_MEMBER, image.id(), new ByteArrayInputStream(new byte[10]), 10));
        assertThat(images.find(image.id()).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void usageReportsEveryLimitWithWhatTheProjectUses() {
        limits.limits.putAll(Map.of("image_count_total", 10L, "image_size_total", 100L, "image_count_uploading", 5L));
        Image image = create();
        create();
        core.imageData().upload(OWNER_MEMBER, image.id(), new ByteArrayInputStream(new byte[5 * MIB]), -1);

        assertThat(core.usage().usage(OWNER_MEMBER))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "image_size_total", new ResourceUsage(100, 5),
                        "image_stage_total", new ResourceUsage(0, 0),
                        "image_count_total", new ResourceUsage(10, 2),
                        "image_count_uploading", new ResourceUsage(5, 0)));
        assertThat(core.usage().usage(CoreFixture.OTHER_MEMBER).get("image_count_total"))
                .isEqualTo(new ResourceUsage(10, 0));
    }

    @Test
    void withoutLimitsUsageIsEmptyAndNothingIsChecked() {
        GlanceCore unlimited =
                GlanceCore.builder().images(images).members(members).build();
        unlimited.images().create(OWNER_MEMBER, Map.of());

        assertThat(unlimited.usage().usage(OWNER_MEMBER)).isEmpty();
    }

    @Test
    void concurrentUploadsWithDeclaredSizesCannotTogetherPassTheLimit() throws Exception {
        limits.limits.putAll(Map.of("image_count_total", 10L, "image_size_total", 3L, "image_count_uploading", 5L));
        Image first = create();
        Image second = create();
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.io.InputStream held = new java.io.InputStream() {
            private int left = 2 * MIB;

            @Override
            public int read() {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return left-- > 0 ? 0 : -1;
            }
        };
        Thread upload = new Thread(() -> core.imageData().upload(OWNER_MEMBER, first.id(), held, 2 * MIB));
        upload.start();
        try {
            assertThat(writing.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertFails(
                    ErrorCategory.TOO_LARGE,
                    "over limit of 3 due to current usage 2 and delta 2",
                    () -> core.imageData()
                            .upload(OWNER_MEMBER, second.id(), new ByteArrayInputStream(new byte[2 * MIB]), 2 * MIB));
        } finally {
            release.countDown();
            upload.join(60_000);
        }
        assertThat(images.find(first.id()).orElseThrow().status()).isEqualTo(ImageStatus.ACTIVE);
    }

    /** Bytes of zeros that stop after {@code gateAt} until {@code open} is counted down. */
    private static java.io.InputStream gated(
            int size,
            int gateAt,
            java.util.concurrent.CountDownLatch atGate,
            java.util.concurrent.CountDownLatch open) {
        return new java.io.InputStream() {
            private int sent;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent == gateAt) {
                    atGate.countDown();
                    try {
                        if (!open.await(120, java.util.concurrent.TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the gate never opened");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                if (sent >= size) {
                    return -1;
                }
                int n = Math.min(len, (sent < gateAt ? gateAt : size) - sent);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                sent += n;
                return n;
            }
        };
    }

    @Test
    void concurrentUploadsOfUnknownSizeCannotTogetherOvershootTheLimitByMoreThanOneImage() throws Exception {
        limits.limits.putAll(Map.of("image_count_total", 10L, "image_size_total", 2L, "image_count_uploading", 10L));
        int uploads = 5;
        int size = 3 * MIB / 2;
        java.util.concurrent.CountDownLatch atGate = new java.util.concurrent.CountDownLatch(uploads);
        java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
        List<Image> created = new java.util.ArrayList<>();
        List<java.util.concurrent.Future<Throwable>> outcomes = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(uploads);
        try {
            for (int i = 0; i < uploads; i++) {
                Image image = create();
                created.add(image);
                java.io.InputStream body = gated(size, 64 * 1024, atGate, open);
                outcomes.add(threads.submit(() -> {
                    try {
                        core.imageData().upload(OWNER_MEMBER, image.id(), body, -1);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            assertThat(atGate.await(120, java.util.concurrent.TimeUnit.SECONDS))
                    .as("every upload passed its check and is streaming")
                    .isTrue();
            open.countDown();
            int refused = 0;
            for (java.util.concurrent.Future<Throwable> outcome : outcomes) {
                Throwable failure = outcome.get(120, java.util.concurrent.TimeUnit.SECONDS);
                if (failure != null) {
                    refused++;
                    assertThat(failure).isInstanceOfSatisfying(org.glance4j.ports.error.GlanceException.class, e -> {
                        assertThat(e.category()).isEqualTo(ErrorCategory.TOO_LARGE);
                        assertThat(e.getMessage()).contains("Resource image_size_total is over limit of 2");
                    });
                }
            }
            long stored = 0;
            for (Image image : created) {
                Image now = images.find(image.id()).orElseThrow();
                assertThat(now.status()).isIn(ImageStatus.ACTIVE, ImageStatus.QUEUED);
                if (now.status() == ImageStatus.ACTIVE) {
                    stored += now.size();
                }
            }
            assertThat(stored)
                    .as("stored bytes: at most the limit plus one image")
                    .isGreaterThan(0)
                    .isLessThanOrEqualTo(2L * MIB + size);
            assertThat(refused).isGreaterThan(0);
        } finally {
            open.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aLimitOfMinusOneIsUnlimited() {
        limits.limits.putAll(Map.of("image_count_total", -1L, "image_size_total", -1L, "image_count_uploading", -1L));
        Image image = create();
        core.imageData().upload(OWNER_MEMBER, image.id(), new ByteArrayInputStream(new byte[3 * MIB]), 3 * MIB);

        assertThat(images.find(image.id()).orElseThrow().status()).isEqualTo(ImageStatus.ACTIVE);
    }
}
