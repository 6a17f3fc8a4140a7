package org.glance4j.storage.rbd;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of librbd's C API (Debian's {@code librbd1}, {@code rbd/librbd.h}) that the rbd store and its tests
 * call, declared for JNA. Every function returns 0 or a count on success and a negative errno on failure.
 * {@code size_t}, {@code ssize_t} and {@code uint64_t} are mapped to {@code long} (64-bit Linux only).
 */
interface Librbd extends Library {

    /** {@code RBD_FEATURE_LAYERING}: clones of snapshots (copy-on-write), what Nova and Cinder need. */
    long FEATURE_LAYERING = 1;

    int rbd_create2(Pointer ioctx, String name, long size, long features, IntByReference order);

    int rbd_open(Pointer ioctx, String name, PointerByReference image, String snapName);

    int rbd_open_read_only(Pointer ioctx, String name, PointerByReference image, String snapName);

    int rbd_close(Pointer image);

    int rbd_remove(Pointer ioctx, String name);

    int rbd_list(Pointer ioctx, Pointer names, LongByReference size);

    int rbd_resize(Pointer image, long size);

    int rbd_get_size(Pointer image, LongByReference size);

    long rbd_write(Pointer image, long offset, long length, Pointer buffer);

    long rbd_read(Pointer image, long offset, long length, Pointer buffer);

    int rbd_flush(Pointer image);

    int rbd_snap_create(Pointer image, String snapName);

    int rbd_snap_protect(Pointer image, String snapName);

    int rbd_snap_unprotect(Pointer image, String snapName);

    int rbd_snap_is_protected(Pointer image, String snapName, IntByReference isProtected);

    int rbd_snap_remove(Pointer image, String snapName);

    int rbd_snap_set(Pointer image, String snapName);

    int rbd_list_children(
            Pointer image, Pointer pools, LongByReference poolsLength, Pointer images, LongByReference imagesLength);

    /** Fills up to {@code maxWatchers} 24-byte {@code rbd_image_watcher_t}s; {@code -ERANGE} when too few. */
    int rbd_watchers_list(Pointer image, Pointer watchers, LongByReference maxWatchers);

    void rbd_watchers_list_cleanup(Pointer watchers, long count);

    int rbd_clone(
            Pointer parentIoctx,
            String parentName,
            String parentSnapName,
            Pointer childIoctx,
            String childName,
            long features,
            IntByReference order);

    /** Called by {@link #rbd_diff_iterate2} once per extent: offset, length, whether it holds data. */
    interface DiffCallback extends Callback {
        int invoke(long offset, long length, int exists, Pointer arg);
    }

    int rbd_diff_iterate2(
            Pointer image,
            String fromSnapName,
            long offset,
            long length,
            byte includeParent,
            byte wholeObject,
            DiffCallback callback,
            Pointer arg);
}
