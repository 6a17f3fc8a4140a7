package org.glance4j.http;

import java.util.Map;

/**
 * A refusal that only exists at the HTTP level (no route, wrong method, unexpected body, redirect-free errors):
 * it carries its own status and any header the answer needs, e.g. {@code Allow}.
 */
final class HttpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String NOT_FOUND_MESSAGE = "The resource could not be found.";

    private final HttpStatus status;
    private final transient Map<String, String> headers;

    HttpFailure(HttpStatus status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    HttpStatus status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    static HttpFailure notFound() {
        return new HttpFailure(HttpStatus.NOT_FOUND, NOT_FOUND_MESSAGE, Map.of());
    }

    static HttpFailure methodNotAllowed(String method, String allow) {
        return new HttpFailure(
                HttpStatus.METHOD_NOT_ALLOWED,
                "The method " + method + " is not allowed for this resource.",
                Map.of("Allow", allow));
    }

    static HttpFailure notImplemented() {
        return new HttpFailure(
                HttpStatus.NOT_IMPLEMENTED, "The server has not implemented the requested method.", Map.of());
    }

    static HttpFailure badRequest(String message) {
        return new HttpFailure(HttpStatus.BAD_REQUEST, message, Map.of());
    }
}
