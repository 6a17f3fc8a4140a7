package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.Persona;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glance4j cache ...} against the cache of a running server (a store whose bytes are not local files, so
 * that downloads fill the cache): what the commands print and do to the cache's files and records.
 */
class CacheCommandTest {
    private static final Persona ADMIN = Persona.of("admin", "admin-project", "admin", "member", "reader");

    @TempDir
    Path dir;

    private GlanceApplication server;
    private Api admin;
    private Path config;

    @BeforeEach
    void start() throws IOException {
        config = dir.resolve("glance-api.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "enabled_backends = mem:test-memory",
                        "image_cache_dir = " + dir.resolve("cache"),
                        "image_cache_max_size = 3000",
                        "image_cache_stall_time = 60",
                        "cache_prefetcher_interval = 3600",
                        "[glance_store]",
                        "default_backend = mem",
                        "[mem]",
                        ""));
        server = GlanceApplication.start(List.of(
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--auth",
                "trusted-headers",
                "--config",
                config.toString()));
        admin = Api.at(URI.create("http://127.0.0.1:" + server.port()), ADMIN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listShowsTheCachedAndQueuedImagesAndDeleteAndClearRemoveThem() {
        String cached = cachedImage(2000);
        String other = activeImage(1000);

        assertThat(run("cache", "queue", other)).isZero();
        assertThat(output).contains("queued image " + other);
        assertThat(run("cache", "list")).isZero();
        assertThat(output)
                .containsPattern(cached + " +0 +\\S+ +\\S+ +2000")
                .contains("queued images (oldest first): " + other)
                .contains("total: 1 images, 2000 bytes, 0 hits; 1 queued");
        assertThat(admin.get("/v2/cache").json().get("queued_images").get(0).asText())
                .isEqualTo(other);

        assertThat(run("cache", "delete", cached)).isZero();
        assertThat(dir.resolve("cache").resolve(cached)).doesNotExist();
        assertThat(run("cache", "clear", "queue")).isZero();
        assertThat(output).containsPattern("removed 0 cached and 1 queued images in \\d+\\.\\d s\n");
        assertThat(run("cache", "list")).isZero();
        assertThat(output).contains("total: 0 images, 0 bytes, 0 hits; 0 queued");
    }

    @Test
    void pruneRemovesTheLeastRecentlyUsedAndCleanTheStalledPartialCopies() throws IOException {
        String older = cachedImage(2000);
        String newer = cachedImage(2000);
        Path stalled = dir.resolve("cache").resolve("incomplete").resolve("stalled-image");
        Files.write(stalled, new byte[10]);
        Files.setLastModifiedTime(stalled, FileTime.from(Instant.now().minusSeconds(3600)));

        assertThat(run("cache", "prune")).isZero();
        assertThat(output)
                .containsPattern("pruned 1 images, 2000 bytes \\(image_cache_max_size \\d+\\) in \\d+\\.\\d s\n");
        assertThat(dir.resolve("cache").resolve(older)).doesNotExist();
        assertThat(dir.resolve("cache").resolve(newer)).exists();

        assertThat(run("cache", "clean")).isZero();
        assertThat(output)
                .containsPattern("removed \\d+ stalled partial copies and copies of images no longer active"
                        + " in \\d+\\.\\d s\n");
        assertThat(stalled).doesNotExist();
        assertThat(dir.resolve("cache").resolve(newer)).exists();
    }

    @Test
    void queueRefusesAnImageThatIsNotActiveAndACommandWithoutACacheSaysSo() throws IOException {
        String queued = admin.post(
                        "/v2/images", Map.of("name", "empty", "disk_format", "raw", "container_format", "bare"))
                .json()
                .get("id")
                .asText();

        assertThat(run("cache", "queue", queued)).isEqualTo(1);
        assertThat(output).contains("only images with status active can be queued");

        Path plain = dir.resolve("plain.conf");
        Files.writeString(plain, "[DEFAULT]\n");
        assertThat(run("cache", "list", "--config", plain.toString())).isEqualTo(1);
        assertThat(errors).contains("this node has no image cache: [DEFAULT] image_cache_dir is not set");
        assertThat(run("cache", "frobnicate")).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String output = "";
    private String errors = "";

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--config")) {
            all.addAll(List.of("--config", config.toString()));
        }
        all.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.run(
                all,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        output = out.toString(StandardCharsets.UTF_8);
        errors = err.toString(StandardCharsets.UTF_8);
        return started.status();
    }

    private String activeImage(int size) {
        String id = admin.post("/v2/images", Map.of("name", "img", "disk_format", "raw", "container_format", "bare"))
                .json()
                .get("id")
                .asText();
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        assertThat(admin.putBytes("/v2/images/" + id + "/file", "application/octet-stream", data, Map.of())
                        .status())
                .isEqualTo(204);
        return id;
    }

    /** An image downloaded once, which caches it (the copy is made before the last bytes reach the client). */
    private String cachedImage(int size) {
        String id = activeImage(size);
        assertThat(admin.getBytes("GET", "/v2/images/" + id + "/file", Map.of()).bytes())
                .hasSize(size);
        assertThat(dir.resolve("cache").resolve(id)).exists();
        return id;
    }
}
