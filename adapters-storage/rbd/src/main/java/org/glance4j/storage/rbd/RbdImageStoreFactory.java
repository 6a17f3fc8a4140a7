package org.glance4j.storage.rbd;

import java.util.Map;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreOption;
import org.glance4j.ports.out.store.StoreOptions;
import org.glance4j.ports.out.store.support.DeclaredImageStoreFactory;
import org.glance4j.ports.out.store.support.StoreOperation;

/**
 * Builds {@code rbd} stores ({@code enabled_backends = <id>:rbd}) from glance_store's rbd options, declared in
 * {@link #OPTIONS}. The store connects once at start-up and refuses to start ({@code UNAVAILABLE}) when the cluster
 * cannot be reached or the pool does not exist.
 */
public final class RbdImageStoreFactory extends DeclaredImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "rbd";

    static final StoreOption POOL =
            StoreOption.optional("rbd_store_pool", "images", "The Ceph pool that holds the images.");
    static final StoreOption USER = StoreOption.optional(
            "rbd_store_user",
            null,
            "The Ceph user to connect as, without client. (none: librados' default, client.admin).");
    static final StoreOption CEPH_CONF = StoreOption.optional(
                    "rbd_store_ceph_conf",
                    null,
                    "The Ceph configuration file, naming the monitors and the keyring (none: librados' search,"
                            + " /etc/ceph/ceph.conf first).")
            .asPath();
    static final StoreOption CHUNK_SIZE = StoreOption.optional(
            "rbd_store_chunk_size",
            "8",
            "MiB written at a time and the size of the RADOS objects of an image (1 to 32, best a power of two).");
    static final StoreOption CONNECT_TIMEOUT = StoreOption.optional(
            "rados_connect_timeout",
            "-1",
            "Seconds to wait for the cluster when connecting and for each operation (below 0: librados' own).");
    static final StoreOption THIN_PROVISIONING = StoreOption.optional(
            "rbd_thin_provisioning",
            "false",
            "Leave chunks of zeros unwritten, so that they take no room in the cluster.");

    /** What an {@code rbd} section may hold. */
    static final StoreOptions OPTIONS =
            StoreOptions.of(POOL, USER, CEPH_CONF, CHUNK_SIZE, CONNECT_TIMEOUT, THIN_PROVISIONING);

    /** For {@link java.util.ServiceLoader}. */
    public RbdImageStoreFactory() {
        super(
                TYPE,
                OPTIONS,
                "Images as RBD images in a Ceph pool (librbd), with the protected snapshot Nova and Cinder clone.");
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        RbdSettings settings = RbdSettings.read(OPTIONS.read(storeId, options));
        RadosConnection connection;
        try {
            connection = RadosConnection.connect(settings.cephConf(), settings.user(), settings.connectTimeout());
        } catch (CephException e) {
            throw RbdErrors.of(storeId, settings.pool()).translate(StoreOperation.CONNECT, e);
        }
        try {
            return new RbdImageStore(storeId, settings, connection);
        } catch (RuntimeException e) {
            connection.close();
            throw RbdErrors.of(storeId, settings.pool()).translate(StoreOperation.CONNECT, e);
        }
    }
}
