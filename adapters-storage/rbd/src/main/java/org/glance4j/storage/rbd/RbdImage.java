package org.glance4j.storage.rbd;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.util.ArrayList;
import java.util.List;

/** One open RBD image or snapshot ({@code rbd_image_t}), used by one thread at a time and closed after use. */
final class RbdImage implements AutoCloseable {
    /** {@code sizeof(rbd_image_watcher_t)}: a pointer, an int64 and a uint64. */
    private static final int WATCHER_SIZE = 24;

    private final Librbd rbd = CephLibraries.rbd();
    private final Pointer image;

    RbdImage(Pointer image) {
        this.image = image;
    }

    long size() {
        LongByReference size = new LongByReference();
        CephException.check(rbd.rbd_get_size(image, size), "rbd_get_size");
        return size.getValue();
    }

    void resize(long size) {
        CephException.check(rbd.rbd_resize(image, size), "rbd_resize");
    }

    /** Writes the first {@code length} bytes of {@code buffer} at {@code offset}, all of them. */
    void write(long offset, Memory buffer, long length) {
        long written = CephException.check(rbd.rbd_write(image, offset, length, buffer), "rbd_write");
        if (written != length) {
            throw new CephException("rbd_write", CephException.EIO);
        }
    }

    /** Reads up to {@code length} bytes at {@code offset} into {@code buffer}; returns how many it read. */
    long read(long offset, Memory buffer, long length) {
        return CephException.check(rbd.rbd_read(image, offset, length, buffer), "rbd_read");
    }

    void createSnapshot(String name) {
        CephException.check(rbd.rbd_snap_create(image, name), "rbd_snap_create");
    }

    void protectSnapshot(String name) {
        CephException.check(rbd.rbd_snap_protect(image, name), "rbd_snap_protect");
    }

    /**
     * Unprotects snapshot {@code name}: {@code EBUSY} while it has clones, {@code EINVAL} when it is not protected,
     * {@code ENOENT} when it does not exist.
     */
    void unprotectSnapshot(String name) {
        CephException.check(rbd.rbd_snap_unprotect(image, name), "rbd_snap_unprotect");
    }

    boolean isProtected(String name) {
        IntByReference result = new IntByReference();
        CephException.check(rbd.rbd_snap_is_protected(image, name, result), "rbd_snap_is_protected");
        return result.getValue() != 0;
    }

    void removeSnapshot(String name) {
        CephException.check(rbd.rbd_snap_remove(image, name), "rbd_snap_remove");
    }

    /** The clones of snapshot {@code snapshot}, as {@code pool/image}. */
    List<String> children(String snapshot) {
        CephException.check(rbd.rbd_snap_set(image, snapshot), "rbd_snap_set");
        try {
            LongByReference poolsLength = new LongByReference(1024);
            LongByReference imagesLength = new LongByReference(1024);
            while (true) {
                Memory pools = new Memory(Math.max(1, poolsLength.getValue()));
                Memory images = new Memory(Math.max(1, imagesLength.getValue()));
                int rc = rbd.rbd_list_children(image, pools, poolsLength, images, imagesLength);
                if (rc == -CephException.ERANGE) {
                    continue;
                }
                CephException.check(rc, "rbd_list_children");
                List<String> poolNames = RbdPool.strings(pools, poolsLength.getValue());
                List<String> imageNames = RbdPool.strings(images, imagesLength.getValue());
                List<String> result = new ArrayList<>();
                for (int i = 0; i < Math.min(rc, imageNames.size()); i++) {
                    result.add(poolNames.get(i) + "/" + imageNames.get(i));
                }
                return result;
            }
        } finally {
            rbd.rbd_snap_set(image, null);
        }
    }

    /** How many clients watch this image's header: each one that has it open for writing. */
    int watchers() {
        LongByReference count = new LongByReference(8);
        while (true) {
            Memory watchers = new Memory(WATCHER_SIZE * Math.max(1, count.getValue()));
            int rc = rbd.rbd_watchers_list(image, watchers, count);
            if (rc == -CephException.ERANGE) {
                continue;
            }
            CephException.check(rc, "rbd_watchers_list");
            rbd.rbd_watchers_list_cleanup(watchers, count.getValue());
            return (int) count.getValue();
        }
    }

    /** How many bytes of this image are allocated in the cluster (its extents that hold data). */
    long allocatedBytes() {
        long[] total = new long[1];
        Librbd.DiffCallback callback = (offset, length, exists, arg) -> {
            if (exists != 0) {
                total[0] += length;
            }
            return 0;
        };
        CephException.check(
                rbd.rbd_diff_iterate2(image, null, 0, size(), (byte) 0, (byte) 0, callback, null), "rbd_diff_iterate2");
        return total[0];
    }

    @Override
    public void close() {
        rbd.rbd_close(image);
    }
}
