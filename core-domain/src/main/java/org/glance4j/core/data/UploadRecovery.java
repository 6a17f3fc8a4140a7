package org.glance4j.core.data;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.lifecycle.LeftBehindImages;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/**
 * Finishes what a crash interrupted: images this node left {@code saving} go back to {@code queued} without the
 * upload's node, and any object a store may have completed for them is deleted.
 *
 * <p>The store SPI names no object before it is written, so the object of an interrupted upload is found by
 * learning the store's naming: one empty probe object is written (and deleted at once) under a random id, and
 * when its location contains that id, the location of each recovered image is the same location with the image id
 * in its place. A store that does not name objects after the image id gets no such clean-up (its orphans cannot
 * be found without a listing SPI); a store that does (file, the in-memory store, glance_store's S3, RBD, Swift) loses
 * the finished-but-unrecorded object, which would otherwise block the next upload of that image.
 */
public final class UploadRecovery {

    private static final Logger LOG = Logger.getLogger(UploadRecovery.class.getName());
    private static final int PAGE = 500;

    private final ImageRepository images;
    private final ImageStores stores;
    private final String nodeId;
    private final Timestamps time;

    public UploadRecovery(ImageRepository images, ImageStores stores, String nodeId, Clock clock) {
        this.images = images;
        this.stores = stores;
        this.nodeId = nodeId;
        this.time = new Timestamps(clock);
    }

    /** Recovers every image this node left saving; returns how many. */
    public int recover() {
        return recover(nodeId);
    }

    /**
     * Recovers every image the node {@code nodeId} left saving (this node at its start, or a node found dead through
     * its lease); returns how many. An image whose upload finished or failed meanwhile is left alone.
     */
    public int recover(String nodeId) {
        int recovered = 0;
        List<LocationGuess> guesses = null;
        while (true) {
            List<Image> page = images.list(query(nodeId));
            if (page.isEmpty()) {
                return recovered;
            }
            if (guesses == null) {
                guesses = stores.all().stream().map(LocationGuess::learn).toList();
            }
            for (Image image : page) {
                Image restored = RevisionRetry.run(() -> {
                    Image current = images.find(image.id()).orElse(null);
                    if (!LeftBehindImages.isStillLeft(
                            current, ImageStatus.SAVING, DefaultImageDataService.UPLOAD_NODE, nodeId)) {
                        return null;
                    }
                    return images.update(DefaultImageDataService.queued(current, time));
                });
                if (restored != null) {
                    recovered++;
                    guesses.forEach(guess -> guess.deleteObjectOf(image.id()));
                    stores.all().forEach(store -> deleteAbandonedWrites(store, image.id()));
                    LOG.warning("Image " + image.id() + " was left saving by an interrupted upload on node '" + nodeId
                            + "'; it is queued again");
                }
            }
        }
    }

    private static void deleteAbandonedWrites(ImageStore store, String imageId) {
        try {
            int removed = store.deleteAbandonedWrites(imageId);
            if (removed > 0) {
                LOG.warning("Deleted " + removed + " unfinished write(s) of image " + imageId + " in store '"
                        + store.id() + "'");
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Cannot delete the unfinished writes of image " + imageId + " in store '" + store.id() + "': "
                            + e.getMessage());
        }
    }

    private static ImageQuery query(String nodeId) {
        return LeftBehindImages.withProperty(ImageStatus.SAVING, DefaultImageDataService.UPLOAD_NODE, nodeId, PAGE);
    }

    /**
     * Where one store would put the object of an image id, learnt from a probe write. Every store is probed, since
     * an upload may have gone to any store ({@code X-Image-Meta-Store}).
     */
    private record LocationGuess(ImageStore store, String probeLocation, String probeId) {

        static LocationGuess learn(ImageStore store) {
            if (!store.capabilities().containsAll(List.of(StoreCapability.WRITE, StoreCapability.DELETE))) {
                return new LocationGuess(null, null, null);
            }
            String probeId = "glance4j-probe-" + UUID.randomUUID();
            try {
                StoredObject probe = store.write(probeId, InputStream.nullInputStream(), 0);
                store.delete(probe.location());
                boolean usable =
                        probe.location().indexOf(probeId) == probe.location().lastIndexOf(probeId)
                                && probe.location().contains(probeId);
                return usable
                        ? new LocationGuess(store, probe.location(), probeId)
                        : new LocationGuess(null, null, null);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Cannot probe store '" + store.id() + "' for unfinished uploads: " + e.getMessage());
                return new LocationGuess(null, null, null);
            }
        }

        void deleteObjectOf(String imageId) {
            if (store == null) {
                return;
            }
            String location = probeLocation.replace(probeId, imageId);
            try {
                if (store.delete(location)) {
                    LOG.warning("Deleted the unrecorded data of image " + imageId + " at " + location);
                }
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Cannot delete the unrecorded data of image " + imageId + " at " + location + ": "
                                + e.getMessage());
            }
        }
    }
}
