package org.glance4j.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * One HTTP answer: status, headers and body, with the body parsed as JSON on demand.
 *
 * @param method the request method, for messages
 * @param path the request path, for messages
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the response body as text
 */
public record ApiResponse(String method, String path, int status, HttpHeaders headers, String body) {

    /** The body as JSON; fails the test when it is not JSON. */
    public JsonNode json() {
        return Json.parse(body, this::toString);
    }

    /** The first value of a header, if present (names compare case-insensitively). */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The media type of the body without parameters, or an empty string. */
    public String mediaType() {
        return header("Content-Type")
                .map(value -> value.split(";")[0].strip().toLowerCase())
                .orElse("");
    }

    @Override
    public String toString() {
        String shown = body.length() > 600 ? body.substring(0, 600) + "..." : body;
        return method + " " + path + " -> " + status + " " + shown;
    }
}
