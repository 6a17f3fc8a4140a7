package org.glance4j.storage.rbd;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of librados' C API (Debian's {@code librados2}, {@code rados/librados.h}) that the rbd store calls,
 * declared for JNA. Every function returns 0 or a count on success and a negative errno on failure.
 * {@code size_t} is mapped to {@code long}: the store runs on 64-bit Linux only.
 */
interface Librados extends Library {

    int rados_create(PointerByReference cluster, String id);

    int rados_conf_read_file(Pointer cluster, String path);

    int rados_conf_set(Pointer cluster, String option, String value);

    int rados_conf_get(Pointer cluster, String option, byte[] buf, long len);

    int rados_connect(Pointer cluster);

    void rados_shutdown(Pointer cluster);

    int rados_cluster_fsid(Pointer cluster, byte[] buf, long len);

    int rados_getaddrs(Pointer cluster, PointerByReference addrs);

    int rados_ioctx_create(Pointer cluster, String poolName, PointerByReference ioctx);

    void rados_ioctx_destroy(Pointer ioctx);
}
