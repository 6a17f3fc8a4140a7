package org.glance4j.storage.rbd;

import org.glance4j.ports.out.store.support.BackendFailure;
import org.glance4j.ports.out.store.support.StoreErrors;

/**
 * What a failed librados or librbd call means, in the API's words, for the published {@link StoreErrors}: one line
 * without errno names or stack traces (the {@link CephException} stays the cause, so the log line has the detail).
 */
final class RbdErrors {

    private RbdErrors() {}

    /** The translator of store {@code storeId} whose images are in {@code pool}. */
    static StoreErrors of(String storeId, String pool) {
        return new StoreErrors(storeId, "Ceph", null)
                .withReasons(t -> t instanceof CephException ceph ? reason(pool, ceph) : null);
    }

    /** Glance's answer (409) to deleting an image whose snapshot has clones, or that a client has open. */
    static BackendFailure inUse() {
        return BackendFailure.conflict("it is in use through the backend store outside of Glance (its snapshot"
                + " has clones, or a client has it open)");
    }

    private static BackendFailure reason(String pool, CephException failure) {
        if (failure.call().startsWith("load ")) {
            return BackendFailure.unavailable(
                    "librados and librbd cannot be loaded (install Debian's librados2" + " and librbd1)");
        }
        return switch (failure.errno()) {
            case CephException.ENOSPC -> BackendFailure.full("the Ceph pool '" + pool + "' is full");
            case CephException.EDQUOT -> BackendFailure.full("the Ceph pool '" + pool + "' is over its quota");
            case CephException.ENOENT ->
                failure.call().equals("rados_ioctx_create")
                        ? BackendFailure.unavailable("the Ceph pool '" + pool + "' does not exist")
                        : BackendFailure.notFound("Ceph has no such image or snapshot");
            case CephException.EPERM, CephException.EACCES ->
                BackendFailure.unavailable("Ceph refused the user's credentials or capabilities");
            case CephException.ETIMEDOUT -> BackendFailure.unavailable("Ceph did not answer in time");
            case CephException.ESHUTDOWN -> BackendFailure.unavailable("Ceph has block-listed this client");
            default ->
                BackendFailure.unavailable("Ceph answered error " + failure.errno() + " to " + failure.call()
                        + "; the store is unavailable, try again later");
        };
    }
}
