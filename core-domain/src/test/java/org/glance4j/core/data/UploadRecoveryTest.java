package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

class UploadRecoveryTest {

    private final InMemoryImageStore store = new InMemoryImageStore("mem");
    private final DataFixture f = new DataFixture(List.of(store), "mem", new DataSettings(1 << 30, "sha512", "node-1"));

    /** An image as a crash in the middle of its upload on {@code node} leaves it. */
    private Image leftSaving(String node) {
        Image queued = f.queued("raw", "bare");
        return f.images.update(queued.toBuilder()
                .status(ImageStatus.SAVING)
                .property(DefaultImageDataService.UPLOAD_NODE, node)
                .build());
    }

    @Test
    void imagesLeftSavingByThisNodeAreQueuedAgainAndLoseTheirUnrecordedData() {
        Image partial = leftSaving("node-1");
        Image finishedButUnrecorded = leftSaving("node-1");
        store.put(finishedButUnrecorded.id(), GeneratedBytes.array(100, 1));
        Image otherNode = leftSaving("node-2");
        Image intact = f.upload(f.queued("raw", "bare"), GeneratedBytes.of(50, 2), 50);

        assertThat(f.core.recoverInterruptedUploads()).isEqualTo(2);

        for (Image image : List.of(partial, finishedButUnrecorded)) {
            Image now = f.stored(image.id());
            assertThat(now.status()).isEqualTo(ImageStatus.QUEUED);
            assertThat(now.properties()).doesNotContainKey(DefaultImageDataService.UPLOAD_NODE);
        }
        assertThat(f.stored(otherNode.id()).status()).isEqualTo(ImageStatus.SAVING);
        assertThat(f.stored(intact.id())).isEqualTo(intact);
        assertThat(store.objectCount()).as("only the intact image's object").isEqualTo(1);

        assertThat(f.upload(finishedButUnrecorded, GeneratedBytes.of(10, 3), 10).status())
                .isEqualTo(ImageStatus.ACTIVE);
        assertThat(f.core.recoverInterruptedUploads()).isZero();
    }

    @Test
    void theUnrecordedDataOfAnUploadToAnotherStoreIsDeletedToo() {
        InMemoryImageStore other = new InMemoryImageStore("other");
        DataFixture multi = new DataFixture(
                List.of(store, other),
                "mem",
                java.util.Map.of(),
                org.glance4j.core.settings.LocationSettings.defaults());
        Image queued = multi.queued("raw", "bare");
        Image saving = multi.images.update(queued.toBuilder()
                .status(ImageStatus.SAVING)
                .property(
                        DefaultImageDataService.UPLOAD_NODE,
                        DataSettings.defaults().nodeId())
                .build());
        other.put(saving.id(), GeneratedBytes.array(10, 4));

        assertThat(multi.core.recoverInterruptedUploads()).isEqualTo(1);
        assertThat(other.objectCount()).isZero();
        assertThat(store.objectCount()).isZero();
    }

    @Test
    void manyImagesAreRecoveredAcrossPages() {
        for (int i = 0; i < 520; i++) {
            leftSaving("node-1");
        }
        assertThat(f.core.recoverInterruptedUploads()).isEqualTo(520);
        assertThat(store.objectCount()).isZero();
    }
}
