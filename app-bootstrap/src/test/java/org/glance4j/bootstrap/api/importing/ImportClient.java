package org.glance4j.bootstrap.api.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.glance4j.bootstrap.api.Json;
import org.glance4j.bootstrap.api.Persona;

/** A small client of one server, acting as one persona through the trusted identity headers. */
final class ImportClient {

    /** One answer. */
    record Answer(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return Json.parse(body, () -> "HTTP " + status + ": " + body);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final Persona persona;

    ImportClient(URI base, Persona persona) {
        this.base = base;
        this.persona = persona;
    }

    Answer get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    Answer post(String path, Object json) {
        return send("POST", path, "application/json", Json.write(json).getBytes(), Map.of());
    }

    Answer put(String path, String contentType, byte[] body) {
        return send("PUT", path, contentType, body, Map.of());
    }

    Answer send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(2))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        request.header("Accept", "application/json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (persona.authenticated()) {
            request.header("X-Identity-Status", "Confirmed")
                    .header("X-User-Id", persona.userId())
                    .header("X-Project-Id", persona.projectId())
                    .header("X-Roles", String.join(",", persona.roles()));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
