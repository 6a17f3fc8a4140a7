package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.assertFails;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.core.format.TestImages;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/** Uploads judged by format inspection: refusals leave no data and a queued image, as Glance's 415 does. */
class FormatCheckedUploadTest {

    private final InMemoryImageStore store = new InMemoryImageStore("mem");
    private final DataFixture f = new DataFixture(store);

    private Image upload(Image image, byte[] bytes) {
        return f.upload(image, new ByteArrayInputStream(bytes), bytes.length);
    }

    private void assertRefused(Image image, byte[] bytes, String reason) {
        int objects = store.objectCount();
        assertFails(ErrorCategory.UNSUPPORTED_MEDIA_TYPE, () -> upload(image, bytes));
        try {
            upload(image, bytes);
        } catch (RuntimeException e) {
            assertThat(e.getMessage()).isEqualTo(DefaultImageDataService.REFUSED_MEDIA + reason);
        }
        Image after = f.stored(image.id());
        assertThat(after.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(after.size()).isNull();
        assertThat(after.virtualSize()).isNull();
        assertThat(after.checksum()).isNull();
        assertThat(after.locations()).isEmpty();
        assertThat(after.properties()).doesNotContainKey(DefaultImageDataService.UPLOAD_NODE);
        assertThat(store.objectCount()).as("nothing left in the store").isEqualTo(objects);
    }

    @Test
    void qcow2BecomesActiveWithItsVirtualSize() {
        Image active = upload(f.queued("qcow2", "bare"), TestImages.qcow2(40L << 30));
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isEqualTo(1024);
        assertThat(active.virtualSize()).isEqualTo(40L << 30);
    }

    @Test
    void qcow2WithBackingFileIsRefused() {
        assertRefused(
                f.queued("qcow2", "bare"),
                TestImages.qcow2(1 << 20, 3, 512, 0),
                "Image failed safety checks: Image has a backing file");
    }

    @Test
    void qcow2WithBackingFileDeclaredRawIsRefused() {
        assertRefused(
                f.queued("raw", "bare"),
                TestImages.qcow2(1 << 20, 3, 512, 0),
                "Image failed safety checks: Image has a backing file");
    }

    @Test
    void qcow2WithDataFileIsRefused() {
        assertRefused(
                f.queued("qcow2", "bare"),
                TestImages.qcow2(1 << 20, 3, 0, 0x04),
                "Image failed safety checks: Image has data_file set");
    }

    @Test
    void rawBytesDeclaredQcow2AreRefused() {
        assertRefused(
                f.queued("qcow2", "bare"),
                GeneratedBytes.array(5000, 7),
                "Image disk_format qcow2 does not match stream data raw");
    }

    @Test
    void safeQcow2DeclaredRawIsStoredAsRawWithItsByteCount() {
        Image active = upload(f.queued("raw", "bare"), TestImages.qcow2(40L << 30));
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.virtualSize()).isEqualTo(1024);
    }

    @Test
    void rawDiskWithPartitionTableIsRaw() {
        Image active = upload(f.queued("raw", "bare"), TestImages.gpt());
        assertThat(active.virtualSize()).isEqualTo(4096);
        assertRefused(
                f.queued("raw", "bare"),
                TestImages.mbr(),
                "Image failed safety checks: GPT MBR has no partitions defined");
    }

    @Test
    void vmdkNamingAnotherFileIsRefused() {
        byte[] image = TestImages.vmdk(
                2048, TestImages.descriptor("monolithicSparse", "RW 2048 FLAT \"/var/lib/glance/secret\" 0"), false);
        assertRefused(
                f.queued("vmdk", "bare"),
                image,
                "Image failed safety checks: Invalid extent filenames "
                        + "found: an extent names a file outside the image");
    }

    @Test
    void formatsWithoutInspectorPassWithoutVirtualSize() {
        Image active = upload(f.queued("ami", "bare"), GeneratedBytes.array(5000, 7));
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.virtualSize()).isNull();
        assertRefused(
                f.queued("ami", "bare"),
                TestImages.qcow2(1 << 20),
                "Image disk_format ami does not match stream data qcow2");
    }

    @Test
    void otherContainersAreNotInspected() {
        Image active = upload(f.queued("qcow2", "ovf"), TestImages.qcow2(1 << 20, 3, 512, 0));
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.virtualSize()).isNull();
    }

    @Test
    void withoutRequiredMatchAMismatchPassesButSafetyStillHolds() {
        DataFixture lenient = new DataFixture(
                List.of(store),
                "mem",
                DataSettings.defaults(),
                new FormatSettings(false, List.of("monolithicSparse", "streamOptimized"), List.of()));
        Image mismatch = lenient.queued("qcow2", "bare");
        byte[] raw = GeneratedBytes.array(5000, 7);
        Image active = lenient.upload(mismatch, new ByteArrayInputStream(raw), raw.length);
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.virtualSize()).isNull();
        Image backed = lenient.queued("qcow2", "bare");
        byte[] bytes = TestImages.qcow2(1 << 20, 3, 512, 0);
        assertFails(
                ErrorCategory.UNSUPPORTED_MEDIA_TYPE,
                "Image has a backing file",
                () -> lenient.upload(backed, new ByteArrayInputStream(bytes), bytes.length));
        assertThat(lenient.stored(backed.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void aRefusedImageCanBeUploadedAgain() {
        Image image = f.queued("qcow2", "bare");
        assertRefused(image, GeneratedBytes.array(5000, 7), "Image disk_format qcow2 does not match stream data raw");
        assertThat(upload(image, TestImages.qcow2(1 << 30)).virtualSize()).isEqualTo(1 << 30);
    }
}
