package org.glance4j.storage.jclouds;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.support.BackendFailure;
import org.glance4j.ports.out.store.support.StoreErrors;
import org.jclouds.aws.AWSResponseException;
import org.jclouds.blobstore.ContainerNotFoundException;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;

/**
 * The one place where a jclouds-backed store turns what jclouds throws into a {@link GlanceException}, on the
 * port's {@link StoreErrors} (which knows the network failures) with jclouds' own exceptions explained here. Messages
 * name the store, say what it was doing and why in one line (credentials refused, container missing, throttled,
 * unreachable) in the API's words, and never repeat jclouds' own text, a stack trace, an exception class or a
 * secret; the original stays the cause, so the error's log line carries the detail.
 */
final class BackendErrors {
    private static final Logger LOG = Logger.getLogger(BackendErrors.class.getName());

    private BackendErrors() {}

    /** What the store was doing, for the message. */
    enum Operation {
        WRITE("write image data"),
        READ("read image data"),
        SIZE("read the size of image data"),
        DELETE("delete image data"),
        CHECK("check its container");

        private final String text;

        Operation(String text) {
            this.text = text;
        }
    }

    static RuntimeException translate(BlobStoreTarget target, Operation operation, RuntimeException failure) {
        if (failure instanceof GlanceException) {
            return failure;
        }
        String doing = operation == Operation.CHECK ? "check its " + target.containerWord() : operation.text;
        GlanceException translated = new StoreErrors(target.storeId(), target.backendName(), target.endpoint())
                .withReasons(t -> reason(target, t))
                .translate(doing, failure);
        LOG.log(Level.FINE, translated.getMessage(), failure);
        return translated;
    }

    /** A missing container, as its own message (writes with create-on-put off, reads of a deleted container). */
    static GlanceException containerMissing(BlobStoreTarget target, String container, Throwable cause) {
        return new GlanceException(
                ErrorCategory.UNAVAILABLE,
                "Store '" + target.storeId() + "': the "
                        + target.backendName() + " " + target.containerWord() + " '" + container + "' does not exist"
                        + (target.createContainerOnWrite() ? "" : " and the store is not allowed to create it"),
                cause);
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
            if (t instanceof AWSResponseException aws
                    && aws.getError() != null
                    && "NoSuchBucket".equals(aws.getError().getCode())) {
                return true;
            }
        }
        return false;
    }

    /** jclouds' own failures in the API's words; null for anything else (the port's helper knows the rest). */
    private static BackendFailure reason(BlobStoreTarget target, Throwable t) {
        String backend = target.backendName();
        if (t instanceof AuthorizationException) {
            return BackendFailure.unavailable(backend + " refused the credentials of user '" + target.identity() + "'");
        }
        if (t instanceof AWSResponseException aws
                && aws.getError() != null
                && aws.getError().getCode() != null) {
            String code = aws.getError().getCode();
            return BackendFailure.unavailable(
                    switch (code) {
                        case "SlowDown",
                                "Throttling",
                                "ThrottlingException",
                                "RequestLimitExceeded",
                                "TooManyRequests" -> backend + " is throttling requests (" + code + "); retry later";
                        case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied" ->
                            backend + " refused the credentials of access key '" + target.identity() + "' (" + code
                                    + ")";
                        case "NoSuchBucket" -> "the " + target.containerWord() + " does not exist";
                        default -> backend + " answered " + statusOf(aws) + " " + code;
                    });
        }
        if (t instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            if (status == 503 || status == 429 || status == 498) {
                return BackendFailure.unavailable(
                        backend + " is throttling requests or unavailable (HTTP " + status + "); retry later");
            }
            if (status == 401 || status == 403) {
                return BackendFailure.unavailable(
                        backend + " refused the credentials of user '" + target.identity() + "' (HTTP " + status + ")");
            }
            if (status == 507 || status == 413) {
                return BackendFailure.unavailable(backend + " has no room for the data (HTTP " + status + ")");
            }
            return BackendFailure.unavailable(backend + " answered HTTP " + status);
        }
        return null;
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
