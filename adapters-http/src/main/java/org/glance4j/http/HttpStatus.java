package org.glance4j.http;

/** A status code with the title webob gives it (Glance's error bodies show both). */
record HttpStatus(int code, String title) {
    static final HttpStatus BAD_REQUEST = new HttpStatus(400, "Bad Request");
    static final HttpStatus UNAUTHORIZED = new HttpStatus(401, "Unauthorized");
    static final HttpStatus FORBIDDEN = new HttpStatus(403, "Forbidden");
    static final HttpStatus NOT_FOUND = new HttpStatus(404, "Not Found");
    static final HttpStatus METHOD_NOT_ALLOWED = new HttpStatus(405, "Method Not Allowed");
    static final HttpStatus CONFLICT = new HttpStatus(409, "Conflict");
    static final HttpStatus REQUEST_ENTITY_TOO_LARGE = new HttpStatus(413, "Request Entity Too Large");
    static final HttpStatus UNSUPPORTED_MEDIA_TYPE = new HttpStatus(415, "Unsupported Media Type");
    static final HttpStatus RANGE_NOT_SATISFIABLE = new HttpStatus(416, "Request Range Not Satisfiable");
    static final HttpStatus PRECONDITION_FAILED = new HttpStatus(412, "Precondition Failed");
    /** The tus checksum extension's status for a chunk whose {@code Upload-Checksum} does not match. */
    static final HttpStatus CHECKSUM_MISMATCH = new HttpStatus(460, "Checksum Mismatch");

    static final HttpStatus INTERNAL_SERVER_ERROR = new HttpStatus(500, "Internal Server Error");
    static final HttpStatus NOT_IMPLEMENTED = new HttpStatus(501, "Not Implemented");
    static final HttpStatus SERVICE_UNAVAILABLE = new HttpStatus(503, "Service Unavailable");

    /** The status line text, e.g. {@code 404 Not Found}. */
    String line() {
        return code + " " + title;
    }

    /** A status for a code Undertow produced on its own; the title comes from the table above when known. */
    static HttpStatus ofCode(int code, String reason) {
        for (HttpStatus s : new HttpStatus[] {
            BAD_REQUEST,
            UNAUTHORIZED,
            FORBIDDEN,
            NOT_FOUND,
            METHOD_NOT_ALLOWED,
            CONFLICT,
            REQUEST_ENTITY_TOO_LARGE,
            UNSUPPORTED_MEDIA_TYPE,
            RANGE_NOT_SATISFIABLE,
            PRECONDITION_FAILED,
            CHECKSUM_MISMATCH,
            INTERNAL_SERVER_ERROR,
            NOT_IMPLEMENTED,
            SERVICE_UNAVAILABLE
        }) {
            if (s.code == code) {
                return s;
            }
        }
        return new HttpStatus(code, reason);
    }
}
