package org.glance4j.storage.rbd;

import com.sun.jna.Memory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.out.store.support.BackendFailure;
import org.glance4j.ports.out.store.support.ByteRanges;
import org.glance4j.ports.out.store.support.RangeInputStream;
import org.glance4j.ports.out.store.support.StoreErrors;
import org.glance4j.ports.out.store.support.StoreOperation;

/**
 * Images as RBD images in one Ceph pool, written as glance_store's rbd driver writes them: an image named after the
 * image id, grown as the data arrives and cut to its size at the end, then a protected snapshot {@code snap} that
 * Nova and Cinder clone copy-on-write, at {@code rbd://<fsid>/<pool>/<image id>/snap}. A write that fails removes
 * the image it made. Reads open the snapshot read-only and ask librbd for exactly the bytes wanted.
 */
final class RbdImageStore implements ImageStore {
    /** The snapshot every image gets, and its locations name. */
    static final String SNAPSHOT = "snap";

    private static final Logger LOG = Logger.getLogger(RbdImageStore.class.getName());
    private static final int COPY_BUFFER = 256 * 1024;
    /** The largest rbd_read of a download. */
    private static final int READ_SIZE = 4 * 1024 * 1024;
    /** Glance doubles the growth of an image of unknown size up to this step. */
    private static final long MAX_GROWTH = 8L * 1024 * 1024 * 1024;

    private static final byte[] ZEROS = new byte[COPY_BUFFER];

    private final String id;
    private final RbdSettings settings;
    private final RadosConnection connection;
    private final String fsid;
    private final long features;
    private final StoreErrors errors;
    /** The images this store is writing now, which {@link #deleteAbandonedWrites(String)} leaves alone. */
    private final Set<String> writing = ConcurrentHashMap.newKeySet();

    RbdImageStore(String id, RbdSettings settings, RadosConnection connection) {
        this.id = id;
        this.settings = settings;
        this.connection = connection;
        this.errors = RbdErrors.of(id, settings.pool());
        this.fsid = connection.fsid();
        this.features = features(connection.conf("rbd_default_features"));
        connection.openPool(settings.pool()).close();
    }

    /** The features librbd is configured to give new images, or layering alone (what clones need) as Glance does. */
    private static long features(String configured) {
        try {
            long value = configured == null ? 0 : Long.parseLong(configured.strip());
            return value > 0 ? value : Librbd.FEATURE_LAYERING;
        } catch (NumberFormatException e) {
            return Librbd.FEATURE_LAYERING;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return EnumSet.of(
                StoreCapability.READ, StoreCapability.READ_RANGE, StoreCapability.WRITE, StoreCapability.DELETE);
    }

    @Override
    public StoredObject write(String imageId, InputStream data, long expectedSize) {
        if (!writing.add(imageId)) {
            throw GlanceException.conflict("Store '" + id + "' is already writing image data of " + imageId);
        }
        try (RbdPool pool = connection.openPool(settings.pool())) {
            try {
                pool.create(imageId, Math.max(expectedSize, 0), settings.order(), features);
            } catch (CephException e) {
                if (e.errno() == CephException.EEXIST) {
                    throw GlanceException.conflict("Store '" + id + "' already holds image data of " + imageId);
                }
                throw e;
            }
            boolean complete = false;
            try {
                long size = fill(pool, imageId, data, Math.max(expectedSize, 0));
                complete = true;
                return new StoredObject(new RbdLocation(fsid, settings.pool(), imageId, SNAPSHOT).uri(), size);
            } finally {
                if (!complete) {
                    removeLeftover(pool, imageId);
                }
            }
        } catch (CephException e) {
            throw errors.translate(StoreOperation.WRITE, e);
        } finally {
            writing.remove(imageId);
        }
    }

    /** Writes {@code data} into the new image, sizes it, snapshots and protects the snapshot; returns the size. */
    private long fill(RbdPool pool, String imageId, InputStream data, long provisioned) {
        int chunk = settings.chunkSize();
        byte[] buffer = new byte[Math.min(COPY_BUFFER, chunk)];
        try (RbdImage image = pool.open(imageId);
                Memory staged = new Memory(chunk)) {
            long written = 0;
            long growth = chunk;
            while (true) {
                int length = 0;
                boolean zeros = true;
                while (length < chunk) {
                    int n = read(data, buffer, Math.min(buffer.length, chunk - length));
                    if (n < 0) {
                        break;
                    }
                    zeros = zeros && isZero(buffer, n);
                    staged.write(length, buffer, 0, n);
                    length += n;
                }
                if (length == 0) {
                    break;
                }
                if (written + length > provisioned) {
                    growth = Math.min(growth * 2, MAX_GROWTH);
                    provisioned = Math.max(written + length, provisioned + growth);
                    image.resize(provisioned);
                }
                if (!(settings.thinProvisioning() && zeros)) {
                    image.write(written, staged, length);
                }
                written += length;
                if (length < chunk) {
                    break;
                }
            }
            if (provisioned != written) {
                image.resize(written);
            }
            image.createSnapshot(SNAPSHOT);
            image.protectSnapshot(SNAPSHOT);
            return written;
        }
    }

    private static int read(InputStream data, byte[] buffer, int length) {
        try {
            int n;
            do {
                n = data.read(buffer, 0, length);
            } while (n == 0);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isZero(byte[] buffer, int length) {
        return Arrays.mismatch(buffer, 0, length, ZEROS, 0, length) < 0;
    }

    /** Removes what a failed write made, snapshot first; logs what cannot be removed and lets the failure go on. */
    private void removeLeftover(RbdPool pool, String imageId) {
        try {
            removeImage(pool, imageId);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Store ''" + id + "'' could not remove the partial image " + imageId + " of a failed write",
                    e);
        }
    }

    /**
     * Removes the image of {@code imageId} when a write began it but never finished it (it has no snapshot
     * {@code snap}) and nobody is writing it: no write of this store runs for it, and no client of the cluster has
     * it open for writing (a dead client's watch lapses after the OSDs' watch time-out, 30 seconds by default).
     */
    @Override
    public int deleteAbandonedWrites(String imageId) {
        if (writing.contains(imageId)) {
            return 0;
        }
        try (RbdPool pool = connection.openPool(settings.pool())) {
            try (RbdImage image = pool.openReadOnly(imageId)) {
                if (hasSnapshot(pool, imageId) || image.watchers() > 0) {
                    return 0;
                }
            } catch (CephException e) {
                if (e.errno() == CephException.ENOENT) {
                    return 0;
                }
                throw e;
            }
            try {
                pool.remove(imageId);
                LOG.info("Store '" + id + "' removed the partial image " + imageId + " of an abandoned write");
                return 1;
            } catch (CephException e) {
                if (e.errno() == CephException.ENOENT || e.errno() == CephException.EBUSY) {
                    return 0;
                }
                throw e;
            }
        } catch (CephException e) {
            throw errors.translate(StoreOperation.DELETE, e);
        }
    }

    private static boolean hasSnapshot(RbdPool pool, String imageId) {
        try {
            pool.openSnapshot(imageId, SNAPSHOT).close();
            return true;
        } catch (CephException e) {
            if (e.errno() == CephException.ENOENT) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public InputStream read(String location, ByteRange range) {
        require(StoreCapability.READ);
        if (range != null) {
            require(StoreCapability.READ_RANGE);
        }
        RbdLocation where = RbdLocation.parse(location, settings.pool());
        RbdSnapshotSource source = null;
        try {
            source = RbdSnapshotSource.open(connection, where, errors);
            long length = ByteRanges.servedLength(id, range, source.size());
            InputStream stream = new RangeInputStream(source, ByteRanges.start(range), length, READ_SIZE);
            source = null;
            return stream;
        } catch (CephException e) {
            throw missingOr(e, StoreOperation.READ);
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }

    @Override
    public long size(String location) {
        require(StoreCapability.READ);
        RbdLocation where = RbdLocation.parse(location, settings.pool());
        try (RbdPool pool = connection.openPool(where.pool());
                RbdImage image = pool.openSnapshot(where.image(), where.snapshot())) {
            return image.size();
        } catch (CephException e) {
            throw missingOr(e, StoreOperation.SIZE);
        }
    }

    @Override
    public boolean delete(String location) {
        RbdLocation where = RbdLocation.parse(location, settings.pool());
        try (RbdPool pool = connection.openPool(where.pool())) {
            try (RbdImage image = pool.open(where.image())) {
                if (where.snapshot() != null) {
                    removeSnapshot(image, where.snapshot());
                }
            } catch (CephException e) {
                if (e.errno() == CephException.ENOENT) {
                    return false;
                }
                throw e;
            }
            try {
                pool.remove(where.image());
                return true;
            } catch (CephException e) {
                return switch (e.errno()) {
                    case CephException.ENOENT -> false;
                    case CephException.EBUSY -> throw inUse(e);
                    case CephException.ENOTEMPTY ->
                        throw new GlanceException(
                                ErrorCategory.CONFLICT,
                                "Store '" + id + "' cannot delete image data: the RBD image has other snapshots",
                                e);
                    default -> throw e;
                };
            }
        } catch (CephException e) {
            throw errors.translate(StoreOperation.DELETE, e);
        }
    }

    /** Unprotects and removes {@code snapshot}; one already unprotected or gone is fine, one with clones is not. */
    private void removeSnapshot(RbdImage image, String snapshot) {
        try {
            image.unprotectSnapshot(snapshot);
        } catch (CephException e) {
            switch (e.errno()) {
                case CephException.EBUSY -> throw inUse(e);
                case CephException.EINVAL, CephException.ENOENT -> {
                    // not protected, or no such snapshot: nothing to unprotect
                }
                default -> throw e;
            }
        }
        try {
            image.removeSnapshot(snapshot);
        } catch (CephException e) {
            if (e.errno() != CephException.ENOENT) {
                throw e;
            }
        }
    }

    /** Removes {@code imageId} and its snapshot {@code snap}, whatever state a write left them in. */
    private void removeImage(RbdPool pool, String imageId) {
        try (RbdImage image = pool.open(imageId)) {
            removeSnapshot(image, SNAPSHOT);
        }
        pool.remove(imageId);
    }

    /** A missing image or snapshot is the standard {@code NOT_FOUND}; anything else is the backend's failure. */
    private GlanceException missingOr(CephException failure, StoreOperation operation) {
        if (failure.errno() == CephException.ENOENT && !failure.call().equals("rados_ioctx_create")) {
            return errors.notFound();
        }
        return errors.translate(operation, failure);
    }

    private GlanceException inUse(CephException cause) {
        BackendFailure failure = RbdErrors.inUse();
        return new GlanceException(
                failure.category(), "Store '" + id + "' cannot delete image data: " + failure.why(), cause);
    }

    @Override
    public void close() {
        connection.close();
    }
}
