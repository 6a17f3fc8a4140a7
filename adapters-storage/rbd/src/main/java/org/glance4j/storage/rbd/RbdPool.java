package org.glance4j.storage.rbd;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An open pool ({@code rados_ioctx_t}) and the librbd calls that name images in it. Closed after use. */
final class RbdPool implements AutoCloseable {
    private final Librbd rbd = CephLibraries.rbd();
    private final String name;
    private final Pointer ioctx;

    RbdPool(String name, Pointer ioctx) {
        this.name = name;
        this.ioctx = ioctx;
    }

    String name() {
        return name;
    }

    /**
     * Creates the format-2 image {@code image} of {@code size} bytes in objects of {@code 2^order} bytes with
     * {@code features}; {@code EEXIST} when it exists.
     */
    void create(String image, long size, int order, long features) {
        CephException.check(rbd.rbd_create2(ioctx, image, size, features, new IntByReference(order)), "rbd_create2");
    }

    /** Opens {@code image} for writing; {@code ENOENT} when it does not exist. */
    RbdImage open(String image) {
        PointerByReference handle = new PointerByReference();
        CephException.check(rbd.rbd_open(ioctx, image, handle, null), "rbd_open");
        return new RbdImage(handle.getValue());
    }

    /** Opens {@code image} read-only, which registers no watch on it; {@code ENOENT} when it does not exist. */
    RbdImage openReadOnly(String image) {
        return openSnapshot(image, null);
    }

    /** Opens snapshot {@code snapshot} of {@code image} read-only; {@code ENOENT} when either is missing. */
    RbdImage openSnapshot(String image, String snapshot) {
        PointerByReference handle = new PointerByReference();
        CephException.check(rbd.rbd_open_read_only(ioctx, image, handle, snapshot), "rbd_open_read_only");
        return new RbdImage(handle.getValue());
    }

    /**
     * Removes {@code image}: {@code ENOENT} when it does not exist, {@code ENOTEMPTY} while it has snapshots,
     * {@code EBUSY} while a client has it open.
     */
    void remove(String image) {
        CephException.check(rbd.rbd_remove(ioctx, image), "rbd_remove");
    }

    /** The names of the images in this pool. */
    List<String> list() {
        LongByReference size = new LongByReference(4096);
        while (true) {
            Memory names = new Memory(Math.max(1, size.getValue()));
            int rc = rbd.rbd_list(ioctx, names, size);
            if (rc == -CephException.ERANGE) {
                continue;
            }
            CephException.check(rc, "rbd_list");
            return RbdPool.strings(names, rc);
        }
    }

    /** Clones {@code parent}'s protected {@code snapshot} as {@code child} in this pool (copy-on-write). */
    void clone(String parent, String snapshot, String child) {
        CephException.check(
                rbd.rbd_clone(ioctx, parent, snapshot, ioctx, child, Librbd.FEATURE_LAYERING, new IntByReference(0)),
                "rbd_clone");
    }

    @Override
    public void close() {
        CephLibraries.rados().rados_ioctx_destroy(ioctx);
    }

    /** The NUL-separated strings in the first {@code length} bytes of {@code buffer}. */
    static List<String> strings(Memory buffer, long length) {
        List<String> result = new ArrayList<>();
        long offset = 0;
        while (offset < length) {
            String item = buffer.getString(offset, StandardCharsets.UTF_8.name());
            if (item.isEmpty()) {
                break;
            }
            result.add(item);
            offset += item.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return result;
    }
}
