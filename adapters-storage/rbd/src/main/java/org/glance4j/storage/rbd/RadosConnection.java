package org.glance4j.storage.rbd;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * One connection to a Ceph cluster ({@code rados_t}): read a configuration file, log in as a user, connect.
 * Thread-safe, long-lived, shared by every operation of one store; {@link #close()} shuts it down.
 */
final class RadosConnection implements AutoCloseable {
    private final Librados rados = CephLibraries.rados();
    private final Pointer cluster;

    private RadosConnection(Pointer cluster) {
        this.cluster = cluster;
    }

    /**
     * Connects as {@code user} (without the {@code client.} prefix; null for librados' default) with the
     * configuration in {@code confFile} (null or blank: librados' search, {@code /etc/ceph/ceph.conf} first).
     * A {@code timeoutSeconds} of 0 or more bounds the connection and every monitor and OSD operation.
     */
    static RadosConnection connect(String confFile, String user, int timeoutSeconds) {
        Librados rados = CephLibraries.rados();
        PointerByReference handle = new PointerByReference();
        CephException.check(rados.rados_create(handle, user), "rados_create");
        Pointer cluster = handle.getValue();
        try {
            CephException.check(
                    rados.rados_conf_read_file(cluster, confFile == null || confFile.isBlank() ? null : confFile),
                    "rados_conf_read_file");
            if (timeoutSeconds >= 0) {
                String seconds = Integer.toString(timeoutSeconds);
                for (String option :
                        new String[] {"rados_osd_op_timeout", "rados_mon_op_timeout", "client_mount_timeout"}) {
                    CephException.check(rados.rados_conf_set(cluster, option, seconds), "rados_conf_set");
                }
            }
            CephException.check(rados.rados_connect(cluster), "rados_connect");
            return new RadosConnection(cluster);
        } catch (RuntimeException e) {
            rados.rados_shutdown(cluster);
            throw e;
        }
    }

    /** The cluster's fsid, the first part of every location. */
    String fsid() {
        byte[] buffer = new byte[64];
        int length = (int)
                CephException.check(rados.rados_cluster_fsid(cluster, buffer, buffer.length), "rados_cluster_fsid");
        return new String(buffer, 0, length, StandardCharsets.US_ASCII).strip();
    }

    /** A configuration value as librados has it after reading the file, or null when it has none. */
    String conf(String option) {
        byte[] buffer = new byte[4096];
        int rc = rados.rados_conf_get(cluster, option, buffer, buffer.length);
        return rc < 0 ? null : Native.toString(buffer, StandardCharsets.US_ASCII.name());
    }

    /** This client's address as the cluster sees it (what an operator would block-list). */
    String clientAddress() {
        PointerByReference addresses = new PointerByReference();
        CephException.check(rados.rados_getaddrs(cluster, addresses), "rados_getaddrs");
        return addresses.getValue().getString(0, StandardCharsets.US_ASCII.name());
    }

    /** Opens the pool {@code name}; {@code ENOENT} when it does not exist. */
    RbdPool openPool(String name) {
        PointerByReference ioctx = new PointerByReference();
        CephException.check(rados.rados_ioctx_create(cluster, name, ioctx), "rados_ioctx_create");
        return new RbdPool(name, ioctx.getValue());
    }

    @Override
    public void close() {
        rados.rados_shutdown(cluster);
    }
}
