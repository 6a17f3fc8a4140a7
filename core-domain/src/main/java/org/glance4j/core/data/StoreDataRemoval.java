package org.glance4j.core.data;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.glance4j.core.image.DataRemoval;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;

/** Deletes a deleted image's bytes from the configured stores; failures are logged, never thrown. */
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
                LOG.warning("Cannot delete the data of image " + deleted.id() + " at " + location.url()
                        + ": store '" + location.storeId() + "' is not configured");
                continue;
            }
            if (!store.capabilities().contains(StoreCapability.DELETE)) {
                LOG.warning("Cannot delete the data of image " + deleted.id() + " at " + location.url()
                        + ": store '" + store.id() + "' does not support delete");
                continue;
            }
            try {
                store.delete(location.url());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot delete the data of image " + deleted.id() + " at " + location.url()
                        + " in store '" + store.id() + "': " + e.getMessage());
            }
        }
    }
}
