package org.glance4j.storage.jclouds;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.jclouds.aws.AWSResponseException;
import org.jclouds.blobstore.ContainerNotFoundException;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;

/**
 * The one place where a jclouds-backed store turns what jclouds throws into a {@link GlanceException}. Messages
 * name the store, say what it was doing and why in one line (credentials refused, container missing, throttled,
 * unreachable) in the API's words, and never repeat jclouds' own text, a stack trace, an exception class or a
 * secret; the original stays the cause, so the error's log line carries the detail.
 */
final class BackendErrors {
    private static final Logger LOG = Logger.getLogger(BackendErrors.class.getName());

    private BackendErrors() {
    }

    /** What the store was doing, for the message. */
    enum Operation {
        WRITE("write image data"), READ("read image data"), SIZE("read the size of image data"),
        DELETE("delete image data"), CHECK("check its container");

        private final String text;

        Operation(String text) {
            this.text = text;
        }
    }

    static RuntimeException translate(BlobStoreTarget target, Operation operation, RuntimeException failure) {
        if (failure instanceof GlanceException) {
            return failure;
        }
        String store = "Store '" + target.storeId() + "'";
        String doing = operation == Operation.CHECK ? "check its " + target.containerWord()
                : operation.text;
        String prefix = store + " cannot " + doing + ": ";
        String why = reason(target, failure);
        LOG.log(Level.FINE, prefix + why, failure);
        return new GlanceException(ErrorCategory.UNAVAILABLE, prefix + why, failure);
    }

    /** A missing container, as its own message (writes with create-on-put off, reads of a deleted container). */
    static GlanceException containerMissing(BlobStoreTarget target, String container, Throwable cause) {
        return new GlanceException(ErrorCategory.UNAVAILABLE, "Store '" + target.storeId() + "': the "
                + target.backendName() + " " + target.containerWord() + " '" + container + "' does not exist"
                + (target.createContainerOnWrite() ? "" : " and the store is not allowed to create it"), cause);
    }

    /** Whether {@code failure} says that the backend refused a byte range (HTTP 416). */
    static boolean isRangeRefusal(Throwable failure) {
        return statusOf(failure) == 416;
    }

    /** Whether {@code failure} says that the container is missing. */
    static boolean isContainerMissing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ContainerNotFoundException) {
                return true;
            }
            if (t instanceof AWSResponseException aws && aws.getError() != null
                    && "NoSuchBucket".equals(aws.getError().getCode())) {
                return true;
            }
        }
        return false;
    }

    private static String reason(BlobStoreTarget target, Throwable failure) {
        String backend = target.backendName();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthorizationException) {
                return backend + " refused the credentials of user '" + target.identity() + "'";
            }
            if (t instanceof ConnectException) {
                return "cannot connect to " + backend + " at " + target.endpoint() + " (connection refused)";
            }
            if (t instanceof UnknownHostException) {
                return "the host of " + backend + " endpoint " + target.endpoint() + " is unknown";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to " + backend + " at " + target.endpoint();
            }
            if (t instanceof SocketTimeoutException) {
                return backend + " at " + target.endpoint() + " did not answer in time";
            }
            if (t instanceof AWSResponseException aws && aws.getError() != null) {
                String code = aws.getError().getCode();
                if (code != null) {
                    switch (code) {
                        case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded",
                                "TooManyRequests" -> {
                            return backend + " is throttling requests (" + code + "); retry later";
                        }
                        case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied" -> {
                            return backend + " refused the credentials of access key '" + target.identity()
                                    + "' (" + code + ")";
                        }
                        case "NoSuchBucket" -> {
                            return "the " + target.containerWord() + " does not exist";
                        }
                        default -> {
                            return backend + " answered " + statusOf(aws) + " " + code;
                        }
                    }
                }
            }
            if (t instanceof HttpResponseException http && http.getResponse() != null) {
                int status = http.getResponse().getStatusCode();
                if (status == 503 || status == 429 || status == 498) {
                    return backend + " is throttling requests or unavailable (HTTP " + status + "); retry later";
                }
                if (status == 401 || status == 403) {
                    return backend + " refused the credentials of user '" + target.identity() + "' (HTTP "
                            + status + ")";
                }
                if (status == 507 || status == 413) {
                    return backend + " has no room for the data (HTTP " + status + ")";
                }
                return backend + " answered HTTP " + status;
            }
        }
        return backend + " failed; the store is unavailable, try again later";
    }

    private static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException http && http.getResponse() != null) {
                return http.getResponse().getStatusCode();
            }
        }
        return -1;
    }
}
