package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.List;
import org.glance4j.core.CoreFixture;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.StatedDigest.Encoding;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/** Uploads whose client states digests: checked while the bytes stream; a difference keeps nothing. */
class StatedChecksumUploadTest {

    private static final int SIZE = 2 * ParallelDigestInputStream.BUFFER_SIZE + 777;
    private final byte[] bytes = GeneratedBytes.array(SIZE, 5);
    private final InMemoryImageStore store = new InMemoryImageStore("mem");
    private final DataFixture f = new DataFixture(store);

    static byte[] digest(String jdkName, byte[] data) throws Exception {
        return MessageDigest.getInstance(jdkName).digest(data);
    }

    private Image upload(Image image, byte[] data, StatedDigest... stated) {
        f.clock.tick();
        return f.core.imageData()
                .upload(
                        CoreFixture.OWNER_MEMBER,
                        image.id(),
                        new ByteArrayInputStream(data),
                        data.length,
                        null,
                        List.of(stated));
    }

    @Test
    void matchingDigestsOfEveryAlgorithmMakeTheImageActive() throws Exception {
        Image image = f.queued("raw", "bare");
        Image active = upload(
                image,
                bytes,
                new StatedDigest("md5", digest("MD5", bytes), "Content-MD5", null, Encoding.BASE64),
                new StatedDigest("sha256", digest("SHA-256", bytes), "Repr-Digest", "sha-256", Encoding.BYTE_SEQUENCE),
                new StatedDigest("sha512", digest("SHA-512", bytes), "Digest", "sha-512", Encoding.BASE64));
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.osHashAlgo())
                .as("the extra sha256 does not replace os_hash_algo")
                .isEqualTo("sha512");
        assertThat(store.objectCount()).isEqualTo(1);
    }

    @Test
    void aDifferentSha256Is400NamingBothValuesAsTheClientWroteThemAndKeepsNothing() throws Exception {
        Image image = f.queued("raw", "bare");
        byte[] other = digest("SHA-256", "something else".getBytes());
        StatedDigest stated = new StatedDigest("sha256", other, "Repr-Digest", "sha-256", Encoding.BYTE_SEQUENCE);

        assertThatThrownBy(() -> upload(image, bytes, stated)).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.INVALID);
            assertThat(e.getMessage())
                    .contains("Repr-Digest states sha-256=:"
                            + java.util.Base64.getEncoder().encodeToString(other) + ":")
                    .contains("received has sha-256=:"
                            + java.util.Base64.getEncoder().encodeToString(uncheckedDigest("SHA-256", bytes)) + ":");
        });
        Image after = f.stored(image.id());
        assertThat(after.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(after.checksum()).isNull();
        assertThat(after.locations()).isEmpty();
        assertThat(after.properties()).doesNotContainKey(DefaultImageDataService.UPLOAD_NODE);
        assertThat(store.objectCount()).as("the stored object is deleted").isZero();

        assertThat(upload(
                                image,
                                bytes,
                                new StatedDigest(
                                        "sha256",
                                        digest("SHA-256", bytes),
                                        "Repr-Digest",
                                        "sha-256",
                                        Encoding.BYTE_SEQUENCE))
                        .status())
                .as("the image can be uploaded again")
                .isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void aDifferentContentMd5IsRefusedInBase64() throws Exception {
        Image image = f.queued("raw", "bare");
        byte[] wrong = digest("MD5", new byte[1]);
        assertThatThrownBy(() ->
                        upload(image, bytes, new StatedDigest("md5", wrong, "Content-MD5", null, Encoding.BASE64)))
                .isInstanceOfSatisfying(
                        GlanceException.class,
                        e -> assertThat(e.getMessage())
                                .contains("Content-MD5 states "
                                        + java.util.Base64.getEncoder().encodeToString(wrong)
                                        + " but the data received has "
                                        + java.util.Base64.getEncoder().encodeToString(uncheckedDigest("MD5", bytes))));
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(store.objectCount()).isZero();
    }

    @Test
    void aChecksumTheQueuedImageAlreadyRecordsIsChecked() throws Exception {
        Image image = f.queued("raw", "bare");
        f.images.update(f.stored(image.id()).toBuilder()
                .checksum("00000000000000000000000000000000")
                .build());
        assertThatThrownBy(() -> upload(image, bytes)).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.INVALID);
            assertThat(e.getMessage())
                    .contains("checksum states 00000000000000000000000000000000 but the data " + "received has "
                            + java.util.HexFormat.of().formatHex(uncheckedDigest("MD5", bytes)));
        });
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(store.objectCount()).isZero();
    }

    @Test
    void anAlgorithmTheServerCannotComputeIsRefusedBeforeTheImageMoves() {
        Image image = f.queued("raw", "bare");
        assertThatThrownBy(() -> upload(
                        image, bytes, new StatedDigest("blake2b", new byte[64], "Digest", "blake2b", Encoding.BASE64)))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID));
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    private static byte[] uncheckedDigest(String jdkName, byte[] data) {
        try {
            return digest(jdkName, data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
