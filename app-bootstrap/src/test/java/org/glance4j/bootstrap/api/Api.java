package org.glance4j.bootstrap.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small HTTP client for the Images API that sends requests as one persona.
 *
 * <p>JSON bodies may be given as text or as maps and lists. Every request asks for JSON errors
 * ({@code Accept: application/json}) unless the caller sets another {@code Accept}.
 */
public final class Api {
    /** The media type Glance requires for image PATCH bodies. */
    public static final String JSON_PATCH = "application/openstack-images-v2.1-json-patch";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;
    private final Persona persona;

    private Api(URI base, Persona persona) {
        this.base = base;
        this.persona = persona;
    }

    /** A client for the server under test, acting as {@code persona}. */
    public static Api as(Persona persona) {
        return new Api(ApiTarget.baseUri(), persona);
    }

    /** A client for another server (one a test starts itself), acting as {@code persona}. */
    public static Api at(URI base, Persona persona) {
        return new Api(base, persona);
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public ApiResponse get(String path, Map<String, String> headers) {
        return send("GET", path, null, null, headers);
    }

    public ApiResponse head(String path) {
        return send("HEAD", path, null, null, Map.of());
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    public ApiResponse put(String path) {
        return send("PUT", path, null, null, Map.of());
    }

    /** POST of a JSON body (a map, list or value; a String is sent as it is). */
    public ApiResponse post(String path, Object body) {
        return send("POST", path, "application/json", body, Map.of());
    }

    /** PATCH of a JSON-patch document (a list of operations, or raw text) with Glance's media type. */
    public ApiResponse patch(String path, Object operations) {
        return send("PATCH", path, JSON_PATCH, operations, Map.of());
    }

    /** Any request, with the given body media type and extra headers. */
    public ApiResponse send(
            String method, String path, String contentType, Object body, Map<String, String> extraHeaders) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : Json.write(body));
        HttpResponse<String> response =
                exchange(method, path, contentType, publisher, extraHeaders, HttpResponse.BodyHandlers.ofString());
        return new ApiResponse(method, path, response.statusCode(), response.headers(), response.body());
    }

    /** PUT of raw bytes with the given media type (none when null) and extra headers; the answer as text. */
    public ApiResponse putBytes(String path, String contentType, byte[] data, Map<String, String> extraHeaders) {
        HttpResponse<String> response = exchange(
                "PUT",
                path,
                contentType,
                HttpRequest.BodyPublishers.ofByteArray(data),
                extraHeaders,
                HttpResponse.BodyHandlers.ofString());
        return new ApiResponse("PUT", path, response.statusCode(), response.headers(), response.body());
    }

    /** Any request with a body of raw bytes (which need not be valid UTF-8) and the given media type. */
    public ApiResponse sendBytes(String method, String path, String contentType, byte[] data) {
        HttpResponse<String> response = exchange(
                method,
                path,
                contentType,
                HttpRequest.BodyPublishers.ofByteArray(data),
                Map.of(),
                HttpResponse.BodyHandlers.ofString());
        return new ApiResponse(method, path, response.statusCode(), response.headers(), response.body());
    }

    /** PUT of raw bytes sent chunked (no {@code Content-Length}), as a client streaming a file of unknown size. */
    public ApiResponse putChunked(String path, String contentType, byte[] data) {
        HttpResponse<String> response = exchange(
                "PUT",
                path,
                contentType,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(data)),
                Map.of(),
                HttpResponse.BodyHandlers.ofString());
        return new ApiResponse("PUT", path, response.statusCode(), response.headers(), response.body());
    }

    /** A body-less request whose answer is kept as bytes (downloads). */
    public BinaryResponse getBytes(String method, String path, Map<String, String> extraHeaders) {
        HttpResponse<byte[]> response = exchange(
                method,
                path,
                null,
                HttpRequest.BodyPublishers.noBody(),
                extraHeaders,
                HttpResponse.BodyHandlers.ofByteArray());
        return new BinaryResponse(method, path, response.statusCode(), response.headers(), response.body());
    }

    private <T> HttpResponse<T> exchange(
            String method,
            String path,
            String contentType,
            HttpRequest.BodyPublisher publisher,
            Map<String, String> extraHeaders,
            HttpResponse.BodyHandler<T> handler) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (persona.authenticated()) {
            headers.put("X-Identity-Status", "Confirmed");
            headers.put("X-User-Id", persona.userId());
            headers.put("X-Project-Id", persona.projectId());
            headers.put("X-Tenant-Id", persona.projectId());
            headers.put("X-Roles", String.join(",", persona.roles()));
        }
        headers.put("Accept", "application/json");
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.putAll(extraHeaders);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, publisher);
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }
}
