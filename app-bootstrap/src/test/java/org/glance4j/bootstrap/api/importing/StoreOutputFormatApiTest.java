package org.glance4j.bootstrap.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.bootstrap.api.Json;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code image_conversion_output_format} in a store's section, end to end with the real {@code qemu-img}: two file
 * stores, {@code ceph} keeping raw and {@code plain} taking images as they come. A qcow2 made by qemu-img and
 * uploaded with {@code PUT /file} to ceph downloads as raw ({@code qemu-img info} says so, {@code qemu-img compare}
 * finds the same disk), with the client's checksums in {@code os_glance_original_*}; to plain it stays qcow2; an
 * unsafe qcow2 is refused with 415 and leaves nothing in the store or the staging area.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutputFormatApiTest {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Path dir;
    private GlanceApplication app;
    private Path original;
    private Path qcow2;

    @BeforeAll
    void start() throws Exception {
        RequiredTool.program("qemu-img", "qemu-utils");
        dir = Files.createTempDirectory("glance4j-store-format");
        original = dir.resolve("disk.raw");
        byte[] disk = new byte[8 << 20];
        new Random(8).nextBytes(disk);
        java.util.Arrays.fill(disk, 2 << 20, 5 << 20, (byte) 0);
        Files.write(original, disk);
        qcow2 = dir.resolve("disk.qcow2");
        qemuImg("convert", "-f", "raw", "-O", "qcow2", original.toString(), qcow2.toString());
        Path config = dir.resolve("glance-api.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "enabled_backends = ceph:file, plain:file",
                        "[glance_store]",
                        "default_backend = ceph",
                        "[ceph]",
                        "filesystem_store_datadir = " + dir.resolve("ceph"),
                        "image_conversion_output_format = raw",
                        "[plain]",
                        "filesystem_store_datadir = " + dir.resolve("plain"),
                        ""));
        app = GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--auth",
                "noauth",
                "--config",
                config.toString()));
    }

    @AfterAll
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aQcow2UploadedToAStoreThatKeepsRawDownloadsAsTheSameDiskInRaw() throws Exception {
        String id = create("qcow2");

        HttpResponse<String> put = upload(id, qcow2, null);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("disk_format").asText()).isEqualTo("raw");
        assertThat(image.get("size").asLong()).isEqualTo(8 << 20);
        assertThat(image.get("virtual_size").asLong()).isEqualTo(8 << 20);
        assertThat(image.get("stores").asText()).isEqualTo("ceph");
        assertThat(image.get("os_glance_original_disk_format").asText()).isEqualTo("qcow2");
        assertThat(image.get("os_glance_original_checksum").asText()).isEqualTo(md5(qcow2));
        Path back = download(id);
        assertThat(image.get("checksum").asText()).isEqualTo(md5(back));
        assertThat(qemuImg("info", "--output=json", back.toString())).contains("\"format\": \"raw\"");
        qemuImg("compare", "-f", "raw", "-F", "qcow2", back.toString(), qcow2.toString());
        assertThat(Files.mismatch(back, original)).isEqualTo(-1L);
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void theOriginalChecksumIsReadOnly() throws Exception {
        String id = create("qcow2");
        assertThat(upload(id, qcow2, null).statusCode()).isEqualTo(204);

        HttpResponse<String> patch = send(
                HttpRequest.newBuilder(uri("/v2/images/" + id))
                        .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                        .method(
                                "PATCH",
                                HttpRequest.BodyPublishers.ofString(
                                        "[{\"op\": \"replace\", \"path\": \"/os_glance_original_checksum\", \"value\": \"x\"}]")));

        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(403);
        assertThat(show(id).get("os_glance_original_checksum").asText()).isEqualTo(md5(qcow2));
    }

    @Test
    void anUploadToAStoreWithoutTheSettingStaysQcow2() throws Exception {
        String id = create("qcow2");

        HttpResponse<String> put = upload(id, qcow2, "plain");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        JsonNode image = show(id);
        assertThat(image.get("disk_format").asText()).isEqualTo("qcow2");
        assertThat(image.get("checksum").asText()).isEqualTo(md5(qcow2));
        assertThat(image.has("os_glance_original_checksum")).isFalse();
        Path back = download(id);
        assertThat(qemuImg("info", "--output=json", back.toString())).contains("\"format\": \"qcow2\"");
        assertThat(Files.mismatch(back, qcow2)).isEqualTo(-1L);
    }

    @Test
    void aQcow2WithABackingFileIsRefusedAndLeavesNothingBehind() throws Exception {
        Path backed = dir.resolve("backed.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", "-b", original.toString(), "-F", "raw", backed.toString());
        String id = create("qcow2");
        List<Path> before = storeFiles("ceph");

        HttpResponse<String> put = upload(id, backed, null);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(415);
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("disk_format").asText()).isEqualTo("qcow2");
        assertThat(storeFiles("ceph")).isEqualTo(before);
        assertThat(stagingFiles()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private String create(String diskFormat) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(
                        Map.of("name", "converted", "disk_format", diskFormat, "container_format", "bare")))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body(), created::body).get("id").asText();
    }

    private JsonNode show(String id) throws Exception {
        HttpResponse<String> shown = send(HttpRequest.newBuilder(uri("/v2/images/" + id)));
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        return Json.parse(shown.body(), shown::body);
    }

    private HttpResponse<String> upload(String id, Path file, String store) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file));
        if (store != null) {
            put.header("X-Image-Meta-Store", store);
        }
        return send(put);
    }

    private Path download(String id) throws Exception {
        Path target = Files.createTempFile(dir, "download", ".img");
        HttpResponse<Path> got = CLIENT.send(
                HttpRequest.newBuilder(uri("/v2/images/" + id + "/file"))
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofFile(target));
        assertThat(got.statusCode()).isEqualTo(200);
        return target;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(
                request.timeout(Duration.ofMinutes(2))
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<Path> storeFiles(String store) throws IOException {
        Path storeDir = dir.resolve(store);
        if (!Files.isDirectory(storeDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(storeDir)) {
            return files.sorted().toList();
        }
    }

    private List<Path> stagingFiles() throws IOException {
        Path staging = dir.resolve("data").resolve("staging");
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(Files.readAllBytes(file));
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Runs qemu-img, which must succeed; its output. */
    private static String qemuImg(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("qemu-img"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("qemu-img %s: %s", argv, output).isZero();
        return output;
    }
}
