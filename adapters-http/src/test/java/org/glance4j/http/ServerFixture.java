package org.glance4j.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A real {@link GlanceHttpServer} on an ephemeral port over hand-written fakes, and a client to drive it. */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final FakeImageService images = new FakeImageService();
    final FakeTagService tags = new FakeTagService();
    final FakeSchemaService schemas = new FakeSchemaService();
    final FakeImageDataService data = new FakeImageDataService();
    final FakeActionService actions = new FakeActionService();
    final FakeMemberService members = new FakeMemberService();
    final FakeTusService tus = new FakeTusService();
    final GlanceHttpServer server;
    final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    ServerFixture(AuthMode mode) {
        this(new HttpSettings("127.0.0.1", 0, mode, "proj-noauth", "user-noauth", 1, 4));
    }

    ServerFixture(HttpSettings settings) {
        server = new GlanceHttpServer(
                settings, new ApiServices(images, tags, schemas, data, actions, members).withTus(tus));
        server.start();
    }

    ServerFixture() {
        this(AuthMode.NOAUTH);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request and reads the answer's body as bytes. */
    HttpResponse<byte[]> sendBytes(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body);
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> map(HttpResponse<String> response) {
        try {
            return JSON.readValue(response.body(), new com.fasterxml.jackson.core.type.TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
