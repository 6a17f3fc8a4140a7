package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.model.ImageVerification.Status;
import org.glance4j.ports.out.ImageVerificationRepository;
import org.junit.jupiter.api.Test;

/** The verification results on a real database: one row per image and location, the last one wins. */
abstract class ImageVerificationRecordsContract {
    private static final Instant T1 = Instant.parse("2026-12-07T05:00:00.123456789Z");
    private static final Instant T2 = Instant.parse("2026-12-07T06:00:00Z");

    /** An empty repository on a fresh or emptied database. */
    protected abstract ImageVerificationRepository repository();

    @Test
    void theLastResultOfEachImageAndLocationIsKeptAndListedInOrder() {
        ImageVerificationRepository results = repository();
        String longUrl = "s3://bucket/" + "x".repeat(3000);
        results.record(new ImageVerification("bbbb", "file1", "file:///images/bbbb", Status.OK, T1, ""));
        results.record(new ImageVerification("aaaa", "s3", longUrl, Status.SHORT, T1, "the copy has 9 bytes"));
        results.record(new ImageVerification("aaaa", "file1", "file:///images/aaaa", Status.OK, T1, null));
        results.record(new ImageVerification(
                "bbbb",
                "file1",
                "file:///images/bbbb",
                Status.CORRUPTED,
                T2,
                "checksum (md5) recorded 00, the copy has 11"));

        assertThat(results.latest(null))
                .containsExactly(
                        new ImageVerification("aaaa", "file1", "file:///images/aaaa", Status.OK, T1, ""),
                        new ImageVerification("aaaa", "s3", longUrl, Status.SHORT, T1, "the copy has 9 bytes"),
                        new ImageVerification(
                                "bbbb",
                                "file1",
                                "file:///images/bbbb",
                                Status.CORRUPTED,
                                T2,
                                "checksum (md5) recorded 00, the copy has 11"));
        assertThat(results.latest(Status.CORRUPTED))
                .extracting(ImageVerification::imageId)
                .containsExactly("bbbb");
        assertThat(results.latest(Status.MISSING)).isEmpty();
    }
}
