package org.glance4j.ports.out.store.support;

import java.util.Objects;
import org.glance4j.ports.error.ErrorCategory;

/**
 * How a store explains one failure of its backend: the port's category and the reason in one line, in the API's
 * words (never the library's text, a path, a class name or a secret).
 *
 * @param category {@code UNAVAILABLE} (refused, unreachable, throttled), {@code TOO_LARGE} (the backend is full),
 *                 {@code NOT_FOUND} (nothing at the location), {@code CONFLICT} (the object is in use), ...
 * @param why      e.g. {@code "Ceph refused the credentials of user 'glance'"}
 */
public record BackendFailure(ErrorCategory category, String why) {
    public BackendFailure {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(why, "why");
    }

    /** The backend refuses or cannot be reached; retrying later may succeed. */
    public static BackendFailure unavailable(String why) {
        return new BackendFailure(ErrorCategory.UNAVAILABLE, why);
    }

    /** The backend has no room for the data. */
    public static BackendFailure full(String why) {
        return new BackendFailure(ErrorCategory.TOO_LARGE, why);
    }

    /** The location holds nothing. */
    public static BackendFailure notFound(String why) {
        return new BackendFailure(ErrorCategory.NOT_FOUND, why);
    }

    /** The object is in a state that forbids the operation (e.g. it has clones). */
    public static BackendFailure conflict(String why) {
        return new BackendFailure(ErrorCategory.CONFLICT, why);
    }
}
