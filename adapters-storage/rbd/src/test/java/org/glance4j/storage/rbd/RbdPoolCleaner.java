package org.glance4j.storage.rbd;

import java.util.List;

/**
 * Empties the test pool through the admin's own connection: every image, its snapshot unprotected and removed,
 * clones before their parents. What the contract kit's "an empty backend" means for rbd.
 */
final class RbdPoolCleaner implements AutoCloseable {
    private final RadosConnection admin;

    RbdPoolCleaner(CephCluster.Running cluster) {
        this.admin = RadosConnection.connect(cluster.conf().toString(), "admin", 30);
    }

    /** The images in the pool now. */
    List<String> images() {
        try (RbdPool pool = admin.openPool(CephCluster.POOL)) {
            return pool.list();
        }
    }

    /** The admin's connection, for tests that work on images behind the store's back. */
    RadosConnection connection() {
        return admin;
    }

    void removeEverything() {
        for (int pass = 0; pass < 5; pass++) {
            List<String> images = images();
            if (images.isEmpty()) {
                return;
            }
            try (RbdPool pool = admin.openPool(CephCluster.POOL)) {
                for (String name : images) {
                    try {
                        try (RbdImage image = pool.open(name)) {
                            try {
                                image.unprotectSnapshot(RbdImageStore.SNAPSHOT);
                            } catch (CephException e) {
                                // not protected, absent, or still cloned (removed in a later pass)
                            }
                            try {
                                image.removeSnapshot(RbdImageStore.SNAPSHOT);
                            } catch (CephException e) {
                                // absent, or protected
                            }
                        }
                        pool.remove(name);
                    } catch (CephException e) {
                        // a parent whose clone goes first: the next pass
                    }
                }
            }
        }
        throw new IllegalStateException("images left in the pool: " + images());
    }

    @Override
    public void close() {
        admin.close();
    }
}
