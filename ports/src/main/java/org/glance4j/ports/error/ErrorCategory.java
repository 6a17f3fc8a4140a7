package org.glance4j.ports.error;

/**
 * What kind of failure a {@link GlanceException} reports. Adapters translate a category to their own protocol
 * (the HTTP adapter to a status code) in exactly one place; the core never knows about HTTP.
 */
public enum ErrorCategory {
    /** The request is malformed or a value is not acceptable (wrong type, too long, unknown key). */
    INVALID,
    /** No confirmed identity accompanies a request that needs one. */
    UNAUTHENTICATED,
    /** The caller is known but the policy refuses the action, or the attribute may not be changed. */
    FORBIDDEN,
    /** The object does not exist, or exists but is hidden from the caller. */
    NOT_FOUND,
    /** The action clashes with the object's current state (duplicate id, wrong status, concurrent change). */
    CONFLICT,
    /** The payload is larger than a configured limit. */
    TOO_LARGE,
    /** The request body has a media type the operation does not accept. */
    UNSUPPORTED_MEDIA_TYPE,
    /**
     * A piece of data does not match the checksum the client sent with it (tus {@code Upload-Checksum}); the piece
     * was discarded and may be sent again.
     */
    CHECKSUM_MISMATCH,
    /** A requested byte range lies outside the object. */
    RANGE_NOT_SATISFIABLE,
    /** The operation is known but this deployment does not provide it. */
    NOT_IMPLEMENTED,
    /** A backing service (database, store) cannot serve the request now; retrying later may succeed. */
    UNAVAILABLE,
    /** A bug or an unexpected failure; the message is safe to show but says little. */
    INTERNAL
}
