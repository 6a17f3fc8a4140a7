package org.glance4j.bootstrap.tus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.glance4j.bootstrap.GlanceApplication;

/** A real server for the tus client tests (SQLite, file store, part files in the staging directory) and its checks. */
final class TusApi implements AutoCloseable {
    static final Duration WAIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GlanceApplication app;
    private final HttpClient http = HttpClient.newHttpClient();

    TusApi(Path dir) {
        app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString()));
    }

    int port() {
        return app.port();
    }

    /** The creation URL of an image's tus uploads on {@code port} (the server's, or a relay's). */
    static URL tusUrl(int port, String imageId) throws Exception {
        return URI.create("http://127.0.0.1:" + port + "/v2/images/" + imageId + "/tus")
                .toURL();
    }

    /** Creates a queued raw image and returns its id. */
    String createImage(String name) throws Exception {
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(app.baseUri().resolve("v2/images"))
                        .timeout(WAIT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name
                                + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    /** Sends a request with a string body and reads the answer. */
    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The image is active with {@code size} bytes of these checksums, and its download has that md5. */
    void assertActive(String id, long size, String md5, String sha512) throws Exception {
        JsonNode image = JSON.readTree(http.send(
                        HttpRequest.newBuilder(app.baseUri().resolve("v2/images/" + id))
                                .timeout(WAIT)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(size);
        assertThat(image.get("checksum").asText()).isEqualTo(md5);
        assertThat(image.get("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(image.get("os_hash_value").asText()).isEqualTo(sha512);
        HttpResponse<InputStream> download = http.send(
                HttpRequest.newBuilder(app.baseUri().resolve("v2/images/" + id + "/file"))
                        .timeout(WAIT)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        try (InputStream body = download.body()) {
            assertThat(digests(body)[0]).as("md5 of the downloaded bytes").isEqualTo(md5);
        }
    }

    /** md5 and sha512 of a stream, in hex. */
    static String[] digests(InputStream in) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        byte[] buffer = new byte[1 << 20];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                md5.update(buffer, 0, n);
                sha512.update(buffer, 0, n);
            }
        }
        return new String[] {
            HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha512.digest())
        };
    }

    @Override
    public void close() {
        app.close();
    }
}
