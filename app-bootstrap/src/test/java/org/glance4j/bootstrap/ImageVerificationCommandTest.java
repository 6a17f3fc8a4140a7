package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.storage.s3.S3ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glance4j images verify} against a running server with a file store and an S3 store (S3Proxy): a byte
 * flipped in the file store's object is {@code corrupted}, an S3 object replaced by a shorter one is {@code short},
 * an untouched image is {@code ok}; the exit status is 1, the results are recorded ({@code --report},
 * {@code GET /v2/verification} for admins only), and nothing is repaired. The periodic verification finds a
 * corruption by itself.
 */
class ImageVerificationCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ADMIN =
            Map.of("X-Roles", "admin,member,reader", "X-Project-Id", "verify-admins");
    private static final Map<String, String> MEMBER =
            Map.of("X-Roles", "member,reader", "X-Project-Id", "verify-members");

    @TempDir
    Path dir;

    private S3ProxyServer s3;
    private GlanceApplication server;
    private Path conf;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startS3() throws Exception {
        s3 = S3ProxyServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        s3.close();
    }

    private Map<String, String> s3Options() {
        return Map.of(
                "s3_store_host",
                s3.endpoint(),
                "s3_store_access_key",
                S3ProxyServer.ACCESS_KEY,
                "s3_store_secret_key",
                S3ProxyServer.SECRET_KEY,
                "s3_store_bucket",
                "verify",
                "s3_store_create_bucket_on_put",
                "true");
    }

    private void startServer(String extraDefault, String... flags) throws IOException {
        StringBuilder text = new StringBuilder("[DEFAULT]\nenabled_backends = local:file, cloud:s3\n"
                + extraDefault + "\n[glance_store]\ndefault_backend = local\n[local]\nfilesystem_store_datadir = "
                + dir.resolve("images") + "\n[cloud]\n");
        s3Options().forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, text);
        List<String> args = new java.util.ArrayList<>(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--auth",
                "trusted-headers",
                "--config",
                conf.toString()));
        args.addAll(List.of(flags));
        server = GlanceApplication.start(args);
    }

    private HttpResponse<String> send(
            String method, String path, Map<String, String> who, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Identity-Status", "Confirmed")
                .header("X-User-Id", "verify-user")
                .header("Accept", "application/json");
        who.forEach(b::header);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String activeImage(byte[] data, String store) throws Exception {
        HttpResponse<String> created = send(
                "POST",
                "/v2/images",
                ADMIN,
                ("{\"name\": \"verify\", \"disk_format\": " + "\"raw\", \"container_format\": \"bare\"}")
                        .getBytes(StandardCharsets.UTF_8),
                "Content-Type",
                "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> uploaded = send(
                "PUT",
                "/v2/images/" + id + "/file",
                ADMIN,
                data,
                "Content-Type",
                "application/octet-stream",
                "X-Image-Meta-Store",
                store);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(204);
        return id;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        data[510] = 0;
        return data;
    }

    private void flipOneByte(String imageId, long at) throws IOException {
        try (RandomAccessFile file =
                new RandomAccessFile(dir.resolve("images").resolve(imageId).toFile(), "rw")) {
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x01);
        }
    }

    private void truncateInS3(String imageId, byte[] data, int keep) throws Exception {
        ImageStoreFactory factory = ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("s3"))
                .findFirst()
                .orElseThrow();
        try (ImageStore store = factory.create("cloud", s3Options())) {
            String location = store.write(imageId + "-probe", new ByteArrayInputStream(new byte[1]), 1)
                    .location()
                    .replace(imageId + "-probe", imageId);
            store.delete(location.replace(imageId, imageId + "-probe"));
            assertThat(store.delete(location)).isTrue();
            assertThat(store.write(imageId, new ByteArrayInputStream(data, 0, keep), keep)
                            .location())
                    .isEqualTo(location);
        }
    }

    private int command(ByteArrayOutputStream out, String... args) {
        List<String> all = new java.util.ArrayList<>(
                List.of("verify", "--data-dir", dir.resolve("data").toString(), "--config", conf.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.images(
                all,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        return status;
    }

    private static String lineOf(String output, String imageId) {
        Matcher m = Pattern.compile("(?m)^.*" + imageId + ".*$").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group();
    }

    @Test
    void aFlippedByteAndATruncatedS3ObjectAreReportedAndRecorded() throws Exception {
        startServer("");
        byte[] data = bytes(3 * 1024 * 1024 + 17, 7);
        String ok = activeImage(data, "local");
        String corrupted = activeImage(data, "local");
        String shortened = activeImage(data, "cloud");
        flipOneByte(corrupted, 2_000_000);
        truncateInS3(shortened, data, data.length - 1000);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(command(out, "--rate", "0")).isEqualTo(1);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(lineOf(printed, ok)).startsWith("ok ").contains("local");
        assertThat(lineOf(printed, corrupted)).startsWith("corrupted ").contains("checksum (md5) recorded");
        assertThat(lineOf(printed, shortened))
                .startsWith("short ")
                .contains("cloud")
                .contains((data.length - 1000) + " bytes")
                .contains(String.valueOf(data.length));
        assertThat(printed)
                .contains("verified 3 copies")
                .contains("ok 1, missing 0, short 1, corrupted 1, " + "unreadable 0");

        ByteArrayOutputStream cloudOnly = new ByteArrayOutputStream();
        assertThat(command(cloudOnly, "--store", "cloud")).isEqualTo(1);
        assertThat(cloudOnly.toString(StandardCharsets.UTF_8)).contains("verified 1 copies");
        ByteArrayOutputStream oneImage = new ByteArrayOutputStream();
        assertThat(command(oneImage, "--image", ok)).as("one healthy image").isZero();

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        assertThat(command(report, "--report", "--status", "corrupted")).isEqualTo(1);
        assertThat(report.toString(StandardCharsets.UTF_8))
                .contains(corrupted)
                .doesNotContain(ok)
                .contains("1 copies recorded, 1 not ok");

        HttpResponse<String> listed = send("GET", "/v2/verification", ADMIN, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        Map<String, String> statuses = new java.util.HashMap<>();
        for (JsonNode result : JSON.readTree(listed.body()).get("verifications")) {
            statuses.put(result.get("image_id").asText(), result.get("status").asText());
        }
        assertThat(statuses)
                .containsEntry(ok, "ok")
                .containsEntry(corrupted, "corrupted")
                .containsEntry(shortened, "short");
        assertThat(send("GET", "/v2/verification", MEMBER, null).statusCode()).isEqualTo(403);

        JsonNode image = JSON.readTree(
                send("GET", "/v2/images/" + corrupted, ADMIN, null).body());
        assertThat(image.get("status").asText())
                .as("nothing is repaired or hidden")
                .isEqualTo("active");
    }

    @Test
    void thePeriodicVerificationFindsACorruptionByItself() throws Exception {
        startServer("image_verify_interval = 1\nimage_verify_rate_mib = 0", "--metrics-port", "0");
        byte[] data = bytes(100_000, 8);
        String id = activeImage(data, "local");
        flipOneByte(id, 50_000);
        long deadline = System.nanoTime() + 120_000_000_000L;
        String status = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> listed = send("GET", "/v2/verification?status=corrupted", ADMIN, null);
            assertThat(listed.statusCode()).isEqualTo(200);
            for (JsonNode result : JSON.readTree(listed.body()).get("verifications")) {
                if (result.get("image_id").asText().equals(id)) {
                    status = result.get("status").asText();
                }
            }
            if (status != null) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(status).as("a periodic run within 120 s").isEqualTo("corrupted");
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher corrupted = Pattern.compile(
                        "(?m)^glance4j_image_verifications_total" + "\\{[^}]*status=\"corrupted\"[^}]*\\} ([0-9.]+)$")
                .matcher(metrics.body());
        assertThat(corrupted.find()).as(metrics.body()).isTrue();
        assertThat(Double.parseDouble(corrupted.group(1))).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.body()).contains("glance4j_image_verifications_total{status=\"missing\"} 0.0");
    }
}
