package org.glance4j.core.importing;

import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.out.ImageRepository;

/**
 * The changes an import makes to its image record, each one revisioned update retried on a lost race: releasing
 * the lock, and putting back an image whose import failed.
 */
final class ImportRecords {

    private static final Logger LOG = Logger.getLogger(ImportRecords.class.getName());

    private final ImageRepository images;
    private final Timestamps time;

    ImportRecords(ImageRepository images, Timestamps time) {
        this.images = images;
        this.time = time;
    }

    Image current(String imageId) {
        return images.find(imageId).orElse(null);
    }

    Timestamps time() {
        return time;
    }

    ImageRepository repository() {
        return images;
    }

    /** Drops the lock if {@code taskId} holds it; nothing else changes. */
    void release(String imageId, String taskId) {
        update(imageId, taskId, (current, next) -> {});
    }

    /**
     * After a failed import held by {@code taskId}: an image importing (not copying) goes back to queued without
     * size and staging marks, the stores move from importing to failed, and the lock is dropped.
     */
    void fail(String imageId, String taskId, Collection<String> stores, boolean copy) {
        update(imageId, taskId, (current, next) -> {
            if (!copy && (current.status() == ImageStatus.IMPORTING || current.status() == ImageStatus.UPLOADING)) {
                Image queued = ImageLifecycle.of(current).moveTo(ImageStatus.QUEUED, time.after(current.updatedAt()));
                next.status(queued.status()).size(null).virtualSize(null);
            }
            next.removeProperty(ImportProperties.STAGE_HOST).removeProperty(ImportProperties.STAGING_NODE);
            ImportProperties.merge(next, current, ImportProperties.IMPORTING, stores, true);
            Image partial = next.build();
            ImportProperties.merge(next, partial, ImportProperties.FAILED, stores, false);
        });
    }

    /**
     * An import refused by a unified limit before it began: the targets are no longer being imported to, an
     * importing image is queued again, and the lock is dropped; the staged data and the size stay.
     */
    void overLimit(String imageId, String taskId, Collection<String> stores, boolean copy) {
        update(imageId, taskId, (current, next) -> {
            if (!copy && current.status() == ImageStatus.IMPORTING) {
                next.status(ImageLifecycle.of(current)
                        .moveTo(ImageStatus.QUEUED, time.after(current.updatedAt()))
                        .status());
            }
            ImportProperties.merge(next, current, ImportProperties.IMPORTING, stores, true);
        });
    }

    private interface Change {
        void apply(Image current, Image.Builder next);
    }

    private void update(String imageId, String taskId, Change change) {
        try {
            RevisionRetry.run(() -> {
                Image current = images.find(imageId).orElse(null);
                if (current == null
                        || current.isDeleted()
                        || !taskId.equals(current.properties().get(ImportProperties.LOCK))) {
                    return null;
                }
                Image.Builder next = current.toBuilder().updatedAt(time.after(current.updatedAt()));
                change.apply(current, next);
                next.removeProperty(ImportProperties.LOCK);
                return images.update(next.build());
            });
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot update image " + imageId + " after import task " + taskId, e);
        }
    }

    static List<String> none() {
        return List.of();
    }
}
