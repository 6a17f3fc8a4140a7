package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.store.DiscardingImageStore;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.Test;

/** An upload larger than the test JVM's heap (surefire runs this module with -Xmx128m) streams through. */
class LargeUploadTest {

    private static final long SIZE = 512L * 1024 * 1024 + 7;

    @Test
    void uploadLargerThanTheHeapStreamsAndItsChecksumsMatch() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap of the test JVM").isLessThan(SIZE);
        DiscardingImageStore discarding = new DiscardingImageStore(64 * 1024);
        DataFixture f = new DataFixture(discarding);
        Image image = f.queued("raw", "bare");

        Image active = f.upload(image, GeneratedBytes.of(SIZE, 42), SIZE);

        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isEqualTo(SIZE);
        assertThat(discarding.lastSize()).isEqualTo(SIZE);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        try (DigestInputStream in =
                new DigestInputStream(new DigestInputStream(GeneratedBytes.of(SIZE, 42), md5), sha512)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(active.checksum()).isEqualTo(HexFormat.of().formatHex(md5.digest()));
        assertThat(active.osHashValue()).isEqualTo(HexFormat.of().formatHex(sha512.digest()));
    }
}
