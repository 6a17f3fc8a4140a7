package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The prefetcher of a server with an image cache (every second here): images queued through
 * {@code PUT /v2/cache/{image_id}} or {@code glance4j cache queue} are fetched into the cache and leave the queue,
 * also from the local file store (an operator asked for them), and are then served from the cache.
 */
class CachePrefetcherTest {
    private static final Persona ADMIN = Persona.of("admin", "admin-project", "admin", "member", "reader");
    private static final Duration WAIT = Duration.ofSeconds(60);

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
                        "image_cache_dir = " + dir.resolve("cache"),
                        "cache_prefetcher_interval = 1",
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
    void imagesQueuedThroughTheApiOrTheCommandAreCachedByThePrefetcher() throws Exception {
        byte[] first = bytes(5000);
        byte[] second = bytes(7000);
        String viaApi = activeImage(first);
        String viaCommand = activeImage(second);

        assertThat(admin.put("/v2/cache/" + viaApi).status()).isEqualTo(202);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(
                                List.of(
                                        "cache",
                                        "queue",
                                        viaCommand,
                                        "--data-dir",
                                        dir.resolve("data").toString(),
                                        "--config",
                                        config.toString()),
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err)
                        .status())
                .isZero();

        await(() -> cachedIds().containsAll(List.of(viaApi, viaCommand)));
        assertThat(admin.get("/v2/cache").json().get("queued_images")).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("cache").resolve(viaApi))).isEqualTo(first);
        assertThat(admin.getBytes("GET", "/v2/images/" + viaCommand + "/file", Map.of())
                        .bytes())
                .isEqualTo(second);
        await(() -> admin.get("/v2/cache")
                .json()
                .get("cached_images")
                .findValuesAsText("hits")
                .contains("1"));
    }

    private List<String> cachedIds() {
        List<String> ids = new ArrayList<>();
        admin.get("/v2/cache")
                .json()
                .get("cached_images")
                .forEach(e -> ids.add(e.get("image_id").asText()));
        return ids;
    }

    private String activeImage(byte[] data) {
        String id = admin.post("/v2/images", Map.of("name", "img", "disk_format", "raw", "container_format", "bare"))
                .json()
                .get("id")
                .asText();
        assertThat(admin.putBytes("/v2/images/" + id + "/file", "application/octet-stream", data, Map.of())
                        .status())
                .isEqualTo(204);
        return id;
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
