package org.glance4j.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.TusUpload;
import org.glance4j.ports.out.tus.TusUploadRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TusUploadRepository} must meet. Extend it and return a fresh, empty repository from
 * {@link #createRepository()} (called before each test). Times are microsecond-aligned, the finest every database
 * keeps.
 */
public abstract class TusUploadRepositoryContractTest {

    protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final String IMAGE = "6f1ee5b2-5a6b-4a0c-9f8e-2b7f2f9a0c11";
    private static final String OTHER_IMAGE = "0b6d7e1c-3f0e-4b8a-8a54-9e2d7c1f5a22";

    protected TusUploadRepository uploads;

    protected abstract TusUploadRepository createRepository();

    @BeforeEach
    void setUpRepository() {
        uploads = createRepository();
    }

    private static TusUpload upload(String id, String imageId, long createdSecond, long expiresSecond) {
        return new TusUpload(
                id,
                imageId,
                1024,
                TusUpload.Kind.WHOLE,
                List.of(),
                null,
                List.of(),
                null,
                T0.plusSeconds(createdSecond),
                T0.plusSeconds(expiresSecond));
    }

    @Test
    void aCreatedUploadIsFoundWithEveryField() {
        StatedDigest sha = new StatedDigest(
                "sha256",
                HexFormat.of().parseHex("aa".repeat(32)),
                "Repr-Digest",
                "sha-256",
                StatedDigest.Encoding.BYTE_SEQUENCE);
        StatedDigest md5 = new StatedDigest(
                "md5", HexFormat.of().parseHex("bb".repeat(16)), "Content-MD5", null, StatedDigest.Encoding.BASE64);
        TusUpload finalUpload = new TusUpload(
                "u-final",
                IMAGE,
                4096,
                TusUpload.Kind.FINAL,
                List.of("u-2", "u-1"),
                "filename ZGlzay5pbWc=,is_confidential",
                List.of(sha, md5),
                "fast",
                T0,
                T0.plusSeconds(86400));

        uploads.create(finalUpload);

        assertThat(uploads.find("u-final")).contains(finalUpload);
        assertThat(uploads.find("u-none")).isEmpty();
    }

    @Test
    void aSecondUploadWithTheSameIdIsAConflict() {
        uploads.create(upload("u-1", IMAGE, 0, 60));

        assertThatThrownBy(() -> uploads.create(upload("u-1", OTHER_IMAGE, 1, 60)))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT));
        assertThat(uploads.find("u-1").orElseThrow().imageId()).isEqualTo(IMAGE);
    }

    @Test
    void theUploadsOfAnImageComeOldestFirst() {
        uploads.create(upload("u-b", IMAGE, 20, 60));
        uploads.create(upload("u-a", IMAGE, 10, 60));
        uploads.create(upload("u-c", OTHER_IMAGE, 5, 60));
        uploads.create(upload("u-d", IMAGE, 20, 60));

        assertThat(uploads.ofImage(IMAGE)).extracting(TusUpload::id).containsExactly("u-a", "u-b", "u-d");
        assertThat(uploads.ofImage("nothing")).isEmpty();
    }

    @Test
    void renewingMovesTheExpiryAndKeepsTheRest() {
        TusUpload upload = upload("u-1", IMAGE, 0, 60);
        uploads.create(upload);

        assertThat(uploads.renew("u-1", T0.plusSeconds(600))).isTrue();
        assertThat(uploads.renew("u-none", T0.plusSeconds(600))).isFalse();

        assertThat(uploads.find("u-1")).contains(upload.expiringAt(T0.plusSeconds(600)));
    }

    @Test
    void expiredListsUploadsPastTheirExpiryEarliestFirstUpToTheLimit() {
        uploads.create(upload("u-late", IMAGE, 0, 90));
        uploads.create(upload("u-early", IMAGE, 0, 30));
        uploads.create(upload("u-mid", OTHER_IMAGE, 0, 60));
        uploads.create(upload("u-alive", IMAGE, 0, 500));

        assertThat(uploads.expired(T0.plusSeconds(100), 10))
                .extracting(TusUpload::id)
                .containsExactly("u-early", "u-mid", "u-late");
        assertThat(uploads.expired(T0.plusSeconds(100), 2))
                .extracting(TusUpload::id)
                .containsExactly("u-early", "u-mid");
        assertThat(uploads.expired(T0.plusSeconds(30), 10)).isEmpty();
    }

    @Test
    void deleteForgetsTheUploadOnce() {
        uploads.create(upload("u-1", IMAGE, 0, 60));

        assertThat(uploads.delete("u-1")).isTrue();
        assertThat(uploads.delete("u-1")).isFalse();
        assertThat(uploads.find("u-1")).isEmpty();
        assertThat(uploads.ofImage(IMAGE)).isEmpty();
    }
}
