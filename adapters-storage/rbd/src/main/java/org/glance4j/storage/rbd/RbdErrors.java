package org.glance4j.storage.rbd;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * The one place where the rbd store turns a failed librados or librbd call into a {@link GlanceException}: one
 * line that names the store, what it was doing and why, without errno names or stack traces (the original stays
 * the cause, so the log line has the detail).
 */
final class RbdErrors {
    private static final Logger LOG = Logger.getLogger(RbdErrors.class.getName());

    private RbdErrors() {
    }

    /** What the store was doing, for the message. */
    enum Operation {
        CONNECT("connect to the Ceph cluster"), WRITE("write image data"), READ("read image data"),
        SIZE("read the size of image data"), DELETE("delete image data");

        private final String text;

        Operation(String text) {
            this.text = text;
        }
    }

    /** A failure that leaves the store unusable now ({@code UNAVAILABLE}), or full ({@code TOO_LARGE}). */
    static GlanceException translate(String storeId, String pool, Operation operation, CephException failure) {
        String prefix = "Store '" + storeId + "' cannot " + operation.text + ": ";
        ErrorCategory category = switch (failure.errno()) {
            case CephException.ENOSPC, CephException.EDQUOT -> ErrorCategory.TOO_LARGE;
            default -> ErrorCategory.UNAVAILABLE;
        };
        String why = reason(pool, failure);
        LOG.log(Level.FINE, prefix + why, failure);
        return new GlanceException(category, prefix + why, failure);
    }

    /** Glance's answer to deleting an image whose snapshot has clones or that a client has open. */
    static GlanceException inUse(String storeId, String image) {
        return GlanceException.conflict("Store '" + storeId + "' cannot delete image data " + image
                + ": it is in use through the backend store outside of Glance (it has clones, or a client has it"
                + " open)");
    }

    private static String reason(String pool, CephException failure) {
        if (failure.call().startsWith("load ")) {
            return "librados and librbd cannot be loaded (install Debian's librados2 and librbd1)";
        }
        return switch (failure.errno()) {
            case CephException.ENOSPC -> "the Ceph pool '" + pool + "' is full";
            case CephException.EDQUOT -> "the Ceph pool '" + pool + "' is over its quota";
            case CephException.ENOENT -> failure.call().equals("rados_ioctx_create")
                    ? "the Ceph pool '" + pool + "' does not exist" : "Ceph found no such object";
            case CephException.EPERM, CephException.EACCES -> "Ceph refused the user's credentials or capabilities";
            case CephException.ETIMEDOUT -> "Ceph did not answer in time";
            case CephException.ESHUTDOWN -> "Ceph has block-listed this client";
            default -> "Ceph answered error " + failure.errno() + " to " + failure.call()
                    + "; the store is unavailable, try again later";
        };
    }
}
