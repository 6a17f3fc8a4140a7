package org.glance4j.ports.out.store.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * Turns what a store's backend throws into the port's {@link GlanceException}s, in one place per store. Messages
 * name the store, say what it was doing and why in one line ({@code Store 'ceph1' cannot write image data: cannot
 * connect to Ceph at mon1:6789 (connection refused)}), and never repeat the library's text, a stack trace, an
 * exception class or a secret; the original stays the cause, so the server's log line carries the detail.
 *
 * <p>A store makes one instance with its id, the backend's name for messages ({@code Ceph}, {@code S3}) and where
 * it is ({@code endpoint}, never with credentials), and calls {@link #translate(StoreOperation, Throwable)} in its
 * catch blocks, giving its own explanations of library exceptions with {@link #withReasons(Function)}.
 */
public final class StoreErrors {
    private final String storeId;
    private final String backendName;
    private final String endpoint;
    private final Function<Throwable, BackendFailure> reasons;

    /**
     * @param storeId     the store's id, named in every message
     * @param backendName the backend's name for messages ({@code Ceph}, {@code S3})
     * @param endpoint    where the backend is, for messages (a host and port, a URL without credentials); may
     *                    be null
     */
    public StoreErrors(String storeId, String backendName, String endpoint) {
        this(storeId, backendName, endpoint, t -> null);
    }

    private StoreErrors(
            String storeId, String backendName, String endpoint, Function<Throwable, BackendFailure> reasons) {
        this.storeId = Objects.requireNonNull(storeId, "storeId");
        this.backendName = Objects.requireNonNull(backendName, "backendName");
        this.endpoint = endpoint;
        this.reasons = reasons;
    }

    /**
     * The same translator, asking {@code reasons} first about each exception of a failure's cause chain; it
     * returns null for an exception it does not know.
     */
    public StoreErrors withReasons(Function<Throwable, BackendFailure> reasons) {
        return new StoreErrors(storeId, backendName, endpoint, Objects.requireNonNull(reasons, "reasons"));
    }

    /** The store's id. */
    public String storeId() {
        return storeId;
    }

    /**
     * {@code failure} in the port's words. A {@link GlanceException} comes back unchanged (it already is in
     * them). Otherwise the cause chain is searched for the first exception the store's reasons explain, then for
     * the network failures every remote backend has (connection refused, unknown host, no route, timeout) and a
     * full disk; anything else is {@code UNAVAILABLE} with a generic reason.
     */
    public GlanceException translate(StoreOperation operation, Throwable failure) {
        return translate(operation.text(), failure);
    }

    /**
     * As {@link #translate(StoreOperation, Throwable)}, for an operation the enum does not name: {@code doing}
     * completes "Store 'x' cannot ...", e.g. {@code "check its pool"}.
     */
    public GlanceException translate(String doing, Throwable failure) {
        if (failure instanceof GlanceException glance) {
            return glance;
        }
        BackendFailure explained = explain(failure);
        return new GlanceException(explained.category(), message(doing, explained), failure);
    }

    /** An {@code UNAVAILABLE} error: {@code Store 'x' cannot <operation>: <why>}. */
    public GlanceException unavailable(StoreOperation operation, String why, Throwable cause) {
        return new GlanceException(
                ErrorCategory.UNAVAILABLE, message(operation.text(), BackendFailure.unavailable(why)), cause);
    }

    /** The standard {@code NOT_FOUND} of a location that holds nothing. */
    public GlanceException notFound() {
        return GlanceException.notFound("No image data at this location in store '" + storeId + "'");
    }

    /**
     * The local disk's failure (a spool, a temporary file) in the API's words: {@code TOO_LARGE}-free, always
     * {@code UNAVAILABLE}, since the store's backend is not what is full.
     */
    public GlanceException localDisk(IOException failure) {
        return localDisk(storeId, failure);
    }

    /** See {@link #localDisk(IOException)}. */
    public static GlanceException localDisk(String storeId, IOException failure) {
        String text = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        String why;
        if (text.contains("no space left on device") || text.contains("disk quota exceeded")) {
            why = "the local disk is full";
        } else if (failure instanceof NoSuchFileException
                || failure instanceof AccessDeniedException
                || text.contains("read-only file system")) {
            why = "the spool directory cannot be written; the store is unavailable, try again later";
        } else {
            why = "the local disk failed; the store is unavailable, try again later";
        }
        return GlanceException.unavailable(
                "Store '" + storeId + "' cannot keep image data on the local disk" + " while it uploads: " + why,
                failure);
    }

    private String message(String doing, BackendFailure failure) {
        if (failure.category() == ErrorCategory.NOT_FOUND && !doing.equals(StoreOperation.WRITE.text())) {
            return "No image data at this location in store '" + storeId + "': " + failure.why();
        }
        if (failure.category() == ErrorCategory.TOO_LARGE) {
            return "Store '" + storeId + "' is full: " + failure.why();
        }
        return "Store '" + storeId + "' cannot " + doing + ": " + failure.why();
    }

    private BackendFailure explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            BackendFailure own = reasons.apply(t);
            if (own != null) {
                return own;
            }
        }
        String at = endpoint == null ? "" : " at " + endpoint;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return BackendFailure.unavailable("cannot connect to " + backendName + at + " (connection refused)");
            }
            if (t instanceof UnknownHostException) {
                return BackendFailure.unavailable("the host of " + backendName + at + " is unknown");
            }
            if (t instanceof NoRouteToHostException) {
                return BackendFailure.unavailable("no route to " + backendName + at);
            }
            if (t instanceof SocketTimeoutException) {
                return BackendFailure.unavailable(backendName + at + " did not answer in time");
            }
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("no space left on device") || text.contains("disk quota exceeded")) {
                return BackendFailure.full(backendName + " has no room for the data");
            }
        }
        return BackendFailure.unavailable(backendName + " failed; the store is unavailable, try again later");
    }
}
