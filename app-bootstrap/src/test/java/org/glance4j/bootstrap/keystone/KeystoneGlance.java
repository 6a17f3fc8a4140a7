package org.glance4j.bootstrap.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.glance4j.bootstrap.GlanceApplication;

/** A glance4j started with {@code [paste_deploy] flavor = keystone} against a {@link KeystoneServer}, and a client. */
final class KeystoneGlance implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final GlanceApplication application;
    final URI base;

    /** One answer: status, headers and body. */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private KeystoneGlance(GlanceApplication application) {
        this.application = application;
        this.base = URI.create("http://127.0.0.1:" + application.port());
    }

    /** Starts glance4j validating tokens at {@code keystone}, with {@code extra} lines in [keystone_authtoken]. */
    static KeystoneGlance start(Path dir, URI keystone, String... extra) throws IOException {
        return startAs("glance", dir, keystone, extra);
    }

    /** Starts glance4j authenticating to {@code keystone} as {@code serviceUser}. */
    static KeystoneGlance startAs(String serviceUser, Path dir, URI keystone, String... extra) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "[paste_deploy]",
                        "flavor = keystone",
                        "[keystone_authtoken]",
                        "www_authenticate_uri = " + keystone,
                        "auth_url = " + keystone + "/v3",
                        "auth_type = password",
                        "username = " + serviceUser,
                        "password = " + KeystoneServer.Running.password(serviceUser),
                        "project_name = service",
                        "user_domain_name = Default",
                        "project_domain_name = Default",
                        "region_name = RegionOne",
                        "http_connect_timeout = 5",
                        String.join("\n", extra),
                        ""));
        return new KeystoneGlance(GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--config",
                conf.toString())));
    }

    Answer call(String method, String path, String token, Object body) throws Exception {
        return call(method, path, token == null ? Map.of() : Map.of("X-Auth-Token", token), body);
    }

    Answer call(String method, String path, Map<String, String> headers, Object body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        headers.forEach(request::header);
        if (body instanceof byte[] bytes) {
            request.header("Content-Type", "application/octet-stream")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    /** Creates an image and returns its id. */
    String create(String token, Map<String, Object> body) throws Exception {
        Answer created = call("POST", "/v2/images", token, body);
        if (created.status() != 201) {
            throw new AssertionError("create answered " + created.status() + ": " + created.body());
        }
        return created.json().path("id").asText();
    }

    @Override
    public void close() {
        application.close();
    }
}
