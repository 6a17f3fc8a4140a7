package org.glance4j.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageVerificationService.Scope;
import org.glance4j.ports.in.ImageVerificationService.Summary;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.model.ImageVerification.Status;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/** Re-reading stored copies: ok, missing, short and corrupted are told apart, recorded, and nothing is repaired. */
class ImageVerificationTest {
    private final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    private final InMemoryImageRepository images = new InMemoryImageRepository(members);
    private final InMemoryImageStore fast = new InMemoryImageStore("fast");
    private final InMemoryImageStore slow = new InMemoryImageStore("slow");
    private final InMemoryVerificationResults results = new InMemoryVerificationResults();
    private final GlanceCore core = GlanceCore.builder()
            .images(images)
            .members(members)
            .stores(List.of(fast, slow), "fast", Map.of())
            .verifications(results)
            .build();

    private Image active(byte[] data, String store) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "verify");
        body.put("disk_format", "raw");
        body.put("container_format", "bare");
        Image image = core.images().create(CoreFixture.OWNER_MEMBER, body);
        return core.imageData()
                .upload(CoreFixture.OWNER_MEMBER, image.id(), new ByteArrayInputStream(data), data.length, store);
    }

    private static void replace(InMemoryImageStore store, Image image, byte[] content) {
        store.delete(image.locations().get(0).url());
        store.put(image.id(), content);
    }

    @Test
    void eachStateIsFoundRecordedAndCounted() {
        byte[] data = GeneratedBytes.array(3_000_000, 1);
        Image ok = active(data, "fast");
        Image missing = active(data, "fast");
        Image shortened = active(data, "slow");
        Image corrupted = active(data, "slow");
        fast.delete(missing.locations().get(0).url());
        replace(slow, shortened, java.util.Arrays.copyOf(data, data.length - 1));
        byte[] flipped = data.clone();
        flipped[1_234_567] ^= 0x40;
        replace(slow, corrupted, flipped);

        List<ImageVerification> seen = new ArrayList<>();
        Summary summary = core.verification().verify(Scope.all(), 0, seen::add);

        assertThat(summary.counts())
                .containsEntry(Status.OK, 1)
                .containsEntry(Status.MISSING, 1)
                .containsEntry(Status.SHORT, 1)
                .containsEntry(Status.CORRUPTED, 1)
                .containsEntry(Status.UNREADABLE, 0);
        assertThat(summary.allOk()).isFalse();
        assertThat(seen).hasSize(4);
        Map<String, ImageVerification> byImage = new HashMap<>();
        results.latest(null).forEach(r -> byImage.put(r.imageId(), r));
        assertThat(byImage.get(ok.id()).status()).isEqualTo(Status.OK);
        assertThat(byImage.get(missing.id()).status()).isEqualTo(Status.MISSING);
        assertThat(byImage.get(shortened.id()).status()).isEqualTo(Status.SHORT);
        assertThat(byImage.get(shortened.id()).detail())
                .contains((data.length - 1) + " bytes")
                .contains(String.valueOf(data.length));
        assertThat(byImage.get(corrupted.id()).status()).isEqualTo(Status.CORRUPTED);
        assertThat(byImage.get(corrupted.id()).detail()).contains("checksum (md5) recorded " + corrupted.checksum());
        assertThat(byImage.get(corrupted.id()).storeId()).isEqualTo("slow");

        assertThat(images.find(corrupted.id()).orElseThrow())
                .as("nothing is repaired or changed")
                .isEqualTo(corrupted);
        assertThat(core.verification().lastResults(CoreFixture.ADMIN, Status.CORRUPTED))
                .extracting(ImageVerification::imageId)
                .containsExactly(corrupted.id());
    }

    @Test
    void oneStoreOrOneImageAndAHealthyRunIsAllOk() {
        byte[] data = GeneratedBytes.array(10_000, 2);
        Image a = active(data, "fast");
        Image b = active(data, "slow");
        fast.delete(a.locations().get(0).url());

        Summary slowOnly = core.verification().verify(new Scope("slow", null), 0, r -> {});
        assertThat(slowOnly.total()).isEqualTo(1);
        assertThat(slowOnly.allOk()).isTrue();
        assertThat(results.latest(null)).extracting(ImageVerification::imageId).containsExactly(b.id());

        Summary one = core.verification().verify(new Scope(null, a.id()), 0, r -> {});
        assertThat(one.counts()).containsEntry(Status.MISSING, 1);
        assertThat(one.total()).isEqualTo(1);

        assertThatThrownBy(() -> core.verification().verify(new Scope("nowhere", null), 0, r -> {}))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID));
        assertThatThrownBy(() -> core.verification().verify(new Scope(null, "no-such-image"), 0, r -> {}))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
    }

    @Test
    void aStoreThatFailsIsUnreadableNotMissing() {
        Image image = active(GeneratedBytes.array(1000, 3), "fast");
        fast.setUnavailable(true);
        Summary summary = core.verification().verify(new Scope(null, image.id()), 0, r -> {});
        assertThat(summary.counts()).containsEntry(Status.UNREADABLE, 1);
    }

    @Test
    void theRateLimitHoldsTheReaderBack() {
        byte[] data = GeneratedBytes.array(3 * 1024 * 1024, 4);
        active(data, "fast");
        long start = System.nanoTime();
        core.verification().verify(Scope.all(), 2L * 1024 * 1024, r -> {});
        // 3 MiB at 2 MiB/s cannot end before 1.5 s (a lower bound only; a slow machine takes longer)
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_400_000_000L);
    }

    @Test
    void theListingIsForAdminsOnly() {
        assertThatThrownBy(() -> core.verification().lastResults(CoreFixture.OWNER_MEMBER, null))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.FORBIDDEN));
        assertThat(core.verification().lastResults(CoreFixture.ADMIN, null)).isEmpty();
    }
}
