package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code client_socket_timeout} set in glance-api.conf, an upload whose client stops sending is given up after
 * that many seconds: the connection is closed and the image is queued again (not stuck in saving), so a new upload
 * of it succeeds.
 */
class StalledUploadTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aStalledUploadEndsAfterClientSocketTimeoutAndItsImageIsQueuedAgain(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, "[DEFAULT]\nclient_socket_timeout = 1\n");
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--config", conf.toString()))) {
            URI base = app.baseUri();
            HttpResponse<String> created = send(HttpRequest.newBuilder(base.resolve("v2/images"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\": \"stalled\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
            assertThat(created.statusCode()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get("id").asText();

            try (Socket upload = new Socket("127.0.0.1", app.port())) {
                upload.setSoTimeout((int) WAIT.toMillis());
                upload.getOutputStream()
                        .write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Content-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\n0123456789")
                                .getBytes(StandardCharsets.US_ASCII));
                try {
                    upload.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the stalled upload was still open after " + WAIT.toSeconds() + " s", e);
                } catch (IOException e) {
                    // a reset is a close too
                }
            }

            JsonNode image = JSON.readTree(send(HttpRequest.newBuilder(base.resolve("v2/images/" + id)))
                    .body());
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.get("size").isNull()).isTrue();
            HttpResponse<String> again = send(HttpRequest.newBuilder(base.resolve("v2/images/" + id + "/file"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])));
            assertThat(again.statusCode()).isEqualTo(204);
            image = JSON.readTree(send(HttpRequest.newBuilder(base.resolve("v2/images/" + id)))
                    .body());
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("size").asLong()).isEqualTo(1000);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
