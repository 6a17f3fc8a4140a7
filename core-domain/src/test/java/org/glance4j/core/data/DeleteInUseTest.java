package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;
import static org.glance4j.core.CoreFixture.assertFails;

import java.util.concurrent.atomic.AtomicBoolean;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.store.ForwardingImageStore;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/**
 * A store that keeps an image's bytes because they are in use (the rbd store while the image's snapshot has clones)
 * stops the deletion of the image with a conflict, as Glance answers 409 for its InUseByStore: the record and the
 * bytes stay, and the deletion succeeds once the store lets them go.
 */
class DeleteInUseTest {

    private final InMemoryImageStore memory = new InMemoryImageStore("mem");
    private final AtomicBoolean inUse = new AtomicBoolean();
    private final DataFixture f = new DataFixture(new ForwardingImageStore(memory) {
        @Override
        public boolean delete(String location) {
            if (inUse.get()) {
                throw GlanceException.conflict("Store 'mem' keeps " + location + ": it has clones");
            }
            return delegate.delete(location);
        }
    });

    @Test
    void anImageWhoseBytesAreInUseIsNotDeleted() {
        Image image = f.upload(f.queued("raw", "bare"), GeneratedBytes.of(100, 1), 100);
        inUse.set(true);

        assertFails(
                ErrorCategory.CONFLICT,
                "Image " + image.id() + " could not be deleted because it is in use: " + "Store 'mem' keeps",
                () -> f.core.images().delete(OWNER_MEMBER, image.id()));

        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(f.stored(image.id()).revision()).isEqualTo(image.revision());
        assertThat(memory.objectCount()).isEqualTo(1);
        assertThat(f.core.imageData().download(OWNER_MEMBER, image.id(), null).hasData())
                .isTrue();

        inUse.set(false);
        f.core.images().delete(OWNER_MEMBER, image.id());
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.DELETED);
        assertThat(memory.objectCount()).isZero();
    }
}
