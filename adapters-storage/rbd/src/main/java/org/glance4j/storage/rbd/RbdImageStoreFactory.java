package org.glance4j.storage.rbd;

import java.util.Map;

import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.storage.rbd.RbdErrors.Operation;

/**
 * Builds {@code rbd} stores ({@code enabled_backends = <id>:rbd}) from glance_store's rbd options:
 * {@code rbd_store_pool} (default {@code images}), {@code rbd_store_user} (default: librados' own),
 * {@code rbd_store_ceph_conf} (default: librados' search, {@code /etc/ceph/ceph.conf} first),
 * {@code rbd_store_chunk_size} (MiB, default 8, at most 32), {@code rados_connect_timeout} (seconds, default -1:
 * librados' own) and {@code rbd_thin_provisioning} (default false). The store connects once at start-up and
 * refuses to start ({@code UNAVAILABLE}) when the cluster cannot be reached.
 */
public final class RbdImageStoreFactory implements ImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "rbd";

    /** For {@link java.util.ServiceLoader}. */
    public RbdImageStoreFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        RbdSettings settings = RbdSettings.read(storeId, options);
        RadosConnection connection;
        try {
            connection = RadosConnection.connect(settings.cephConf(), settings.user(), settings.connectTimeout());
        } catch (CephException e) {
            throw RbdErrors.translate(storeId, settings.pool(), Operation.CONNECT, e);
        }
        try {
            return new RbdImageStore(storeId, settings, connection);
        } catch (CephException e) {
            connection.close();
            throw RbdErrors.translate(storeId, settings.pool(), Operation.CONNECT, e);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
