package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.ADMIN;
import static org.glance4j.core.CoreFixture.OTHER_MEMBER;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;
import static org.glance4j.core.CoreFixture.OWNER_READER;
import static org.glance4j.core.CoreFixture.assertFails;

import java.io.ByteArrayInputStream;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

class ImageActionAndDeleteTest {

    private final InMemoryImageStore store = new InMemoryImageStore("mem");
    private final DataFixture f = new DataFixture(store);

    private Image active() {
        return f.upload(f.queued("raw", "bare"), GeneratedBytes.of(100, 1), 100);
    }

    @Test
    void deactivateAndReactivateAreIdempotent() {
        Image image = active();
        f.core.actions().deactivate(OWNER_MEMBER, image.id());
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.DEACTIVATED);
        long revision = f.stored(image.id()).revision();
        f.core.actions().deactivate(OWNER_MEMBER, image.id());
        assertThat(f.stored(image.id()).revision()).isEqualTo(revision);
        f.core.actions().reactivate(ADMIN, image.id());
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.ACTIVE);
        f.core.actions().reactivate(OWNER_MEMBER, image.id());
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void policyPerPersona() {
        Image image = active();
        assertFails(
                ErrorCategory.FORBIDDEN, "deactivate", () -> f.core.actions().deactivate(OWNER_READER, image.id()));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.actions().deactivate(OTHER_MEMBER, image.id()));
        f.core.actions().deactivate(OWNER_MEMBER, image.id());
        assertFails(
                ErrorCategory.FORBIDDEN, "reactivate", () -> f.core.actions().reactivate(OWNER_READER, image.id()));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.actions().reactivate(OTHER_MEMBER, image.id()));
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.DEACTIVATED);
    }

    @Test
    void otherStatusesAreRefusedWithGlancesMessage() {
        Image queued = f.queued("raw", "bare");
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Not allowed to deactivate image in status 'queued'",
                () -> f.core.actions().deactivate(OWNER_MEMBER, queued.id()));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Not allowed to reactivate image in status 'queued'",
                () -> f.core.actions().reactivate(OWNER_MEMBER, queued.id()));
        assertThat(f.stored(queued.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void deleteRemovesTheDataEvenOfADeactivatedImage() {
        Image image = active();
        Image other = active();
        f.core.actions().deactivate(OWNER_MEMBER, image.id());
        f.core.images().delete(OWNER_MEMBER, image.id());
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.DELETED);
        assertThat(store.objectCount()).isEqualTo(1);
        assertThat(f.core.imageData().download(OWNER_MEMBER, other.id(), null).hasData())
                .isTrue();
    }

    @Test
    void aStoreFailingOnDeleteDoesNotFailTheDeletion() {
        Image image = active();
        store.setUnavailable(true);
        f.core.images().delete(OWNER_MEMBER, image.id());
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.DELETED);
        assertThatNotFound(image);
    }

    private void assertThatNotFound(Image image) {
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().get(OWNER_MEMBER, image.id()));
    }

    @Test
    void deletingAnImageWithoutDataTouchesNoStore() {
        Image image = f.queued("raw", "bare");
        store.setUnavailable(true);
        f.core.images().delete(OWNER_MEMBER, image.id());
        assertThat(f.stored(image.id()).isDeleted()).isTrue();
        store.setUnavailable(false);
        Image uploaded = f.upload(f.queued("raw", "bare"), new ByteArrayInputStream(new byte[] {1}), 1);
        assertThat(uploaded.status()).isEqualTo(ImageStatus.ACTIVE);
    }
}
