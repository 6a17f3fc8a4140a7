package org.glance4j.core.data;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.core.image.DataRemoval;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;

/**
 * Deletes an image's bytes from the configured stores before its record is deleted. A store that keeps them because
 * they are in use (it answers {@link ErrorCategory#CONFLICT}, as the rbd store does for a snapshot with clones) stops
 * the deletion with a conflict naming the image; every other failure is logged and the deletion goes on.
 */
public final class StoreDataRemoval implements DataRemoval {

    private static final Logger LOG = Logger.getLogger(StoreDataRemoval.class.getName());

    private final ImageStores stores;

    public StoreDataRemoval(ImageStores stores) {
        this.stores = stores;
    }

    @Override
    public void removeDataOf(Image deleted) {
        for (ImageLocation location : deleted.locations()) {
            ImageStore store = stores.byId(location.storeId()).orElse(null);
            if (store == null) {
                LOG.warning("Cannot delete the data of image " + deleted.id() + " at " + location.url() + ": store '"
                        + location.storeId() + "' is not configured");
                continue;
            }
            if (!store.capabilities().contains(StoreCapability.DELETE)) {
                LOG.warning("Cannot delete the data of image " + deleted.id() + " at " + location.url() + ": store '"
                        + store.id() + "' does not support delete");
                continue;
            }
            try {
                store.delete(location.url());
            } catch (GlanceException e) {
                if (e.category() == ErrorCategory.CONFLICT) {
                    // the store keeps the bytes because they are in use (Glance's InUseByStore): the image stays
                    throw GlanceException.conflict("Image " + deleted.id() + " could not be deleted because it is in "
                            + "use: " + e.getMessage());
                }
                LOG.log(
                        Level.WARNING,
                        "Cannot delete the data of image " + deleted.id() + " at " + location.url() + " in store '"
                                + store.id() + "': " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Cannot delete the data of image " + deleted.id() + " at " + location.url() + " in store '"
                                + store.id() + "': " + e.getMessage());
            }
        }
    }
}
