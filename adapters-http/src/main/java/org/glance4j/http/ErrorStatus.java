package org.glance4j.http;

import org.glance4j.ports.error.ErrorCategory;

/** The one place where an {@link ErrorCategory} becomes an HTTP status. */
final class ErrorStatus {
    private ErrorStatus() {}

    static HttpStatus of(ErrorCategory category) {
        return switch (category) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case RANGE_NOT_SATISFIABLE -> HttpStatus.RANGE_NOT_SATISFIABLE;
            case CHECKSUM_MISMATCH -> HttpStatus.CHECKSUM_MISMATCH;
            case NOT_IMPLEMENTED -> HttpStatus.NOT_IMPLEMENTED;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
