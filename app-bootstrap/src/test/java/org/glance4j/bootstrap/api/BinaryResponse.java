package org.glance4j.bootstrap.api;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One HTTP answer whose body is kept as bytes, for image downloads.
 *
 * @param method the request method, for messages
 * @param path the request path, for messages
 * @param status the HTTP status code
 * @param headers the response headers
 * @param bytes the response body
 */
public record BinaryResponse(String method, String path, int status, HttpHeaders headers, byte[] bytes) {

    /** The first value of a header, if present (names compare case-insensitively). */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The body read as text, for error answers. */
    public ApiResponse asText() {
        return new ApiResponse(method, path, status, headers, new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        if (status >= 300) {
            return asText().toString();
        }
        return method + " " + path + " -> " + status + " (" + bytes.length + " bytes)";
    }
}
