package org.glance4j.bootstrap.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small HTTP client for the cluster tests: one caller (a project and its roles, sent as the trusted identity
 * headers) against one address (HAProxy or a node directly). Answers keep the node that served them.
 */
final class ClusterClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    static final String PATCH_TYPE = "application/openstack-images-v2.1-json-patch";

    /** An answer: status, body, and the node HAProxy sent the request to (null when sent to a node directly). */
    record Answer(int status, String body, String node) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " from " + node + ": " + body;
        }
    }

    private final URI base;
    private final String project;
    private final String roles;

    ClusterClient(URI base, String project, String roles) {
        this.base = base;
        this.project = project;
        this.roles = roles;
    }

    /** The same caller against another address. */
    ClusterClient at(URI other) {
        return new ClusterClient(other, project, roles);
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    Answer post(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Answer put(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Answer putEmpty(String path) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Answer putBytes(String path, byte[] bytes) {
        return send(request(path)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Answer patch(String path, Object operations) {
        return send(request(path)
                .header("Content-Type", PATCH_TYPE)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(operations))));
    }

    /** Downloads a body as bytes; the node that served it in the answer's body is not kept. */
    HttpResponse<byte[]> download(String path) {
        try {
            return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json")
                .header("X-Identity-Status", "Confirmed")
                .header("X-User-Id", project + "-user")
                .header("X-Project-Id", project)
                .header("X-Roles", roles);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue(HaproxyServer.NODE_HEADER).orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
