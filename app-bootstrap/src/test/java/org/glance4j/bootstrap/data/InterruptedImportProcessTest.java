package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart survival of imports: the server is killed with SIGKILL while a web-download import streams into the
 * staging area, and restarted on the same data directory. The image is not left importing: it is queued again with
 * its store in {@code os_glance_failed_import}, its task has failed and says why, the lock is gone, nothing of it
 * is left in staging, and a new import of it succeeds. An image staged and waiting for its import is untouched.
 *
 * <p>Synchronisation without timing: the source declares 10 MiB, sends 1 MiB and then holds the connection, so the
 * server is certainly inside the import; the test polls until the image is importing and its partial staging file
 * exists, then kills the server.
 */
class InterruptedImportProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void sigkillDuringAnImportLeavesTheImageQueuedAndTheTaskFailed(@TempDir Path dir) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        byte[] good = new byte[64 * 1024 + 3];
        new Random(5).nextBytes(good);
        good[0] = 7;
        HttpServer source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        source.setExecutor(Executors.newCachedThreadPool());
        source.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 10L << 20);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[1 << 20]);
            out.flush();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the source stops here");
        });
        source.createContext("/good", exchange -> {
            exchange.sendResponseHeaders(200, good.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(good);
            }
        });
        source.start();
        Path config = dir.resolve("glance-api.conf");
        Files.writeString(
                config,
                "[import_filtering_opts]\nallowed_hosts = 127.0.0.1\nallowed_ports = "
                        + source.getAddress().getPort() + "\n");
        Path dataDir = dir.resolve("data");
        Path staging = dataDir.resolve("staging");
        String interrupted;
        String waiting;
        ServerProcess first =
                ServerProcess.startReady(dataDir, dir.resolve("first.log"), 0, "--config", config.toString());
        try {
            URI base = first.baseUri();
            waiting = create(base);
            assertThat(send(base, "PUT", "/v2/images/" + waiting + "/stage", "application/octet-stream", good)
                            .statusCode())
                    .isEqualTo(204);
            interrupted = create(base);
            assertThat(importFrom(base, interrupted, source, "/stall").statusCode())
                    .isEqualTo(202);
            awaitImportingWithPartialFile(base, interrupted, staging);
            first.kill();
        } finally {
            first.kill();
            release.countDown();
        }
        assertThat(first.output()).doesNotContain("glance4j stopped");

        try (ServerProcess second =
                ServerProcess.startReady(dataDir, dir.resolve("second.log"), 0, "--config", config.toString())) {
            URI base = second.baseUri();
            JsonNode image = show(base, interrupted);
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.has("os_glance_import_task")).isFalse();
            assertThat(image.get("os_glance_failed_import").asText()).isEqualTo("file");
            assertThat(image.get("os_glance_importing_to_stores").asText()).isEmpty();
            JsonNode task = json(send(base, "GET", "/v2/images/" + interrupted + "/tasks", null, null))
                    .get("tasks")
                    .get(0);
            assertThat(task.get("status").asText()).isEqualTo("failure");
            assertThat(task.get("message").asText()).contains("interrupted");
            assertThat(second.output())
                    .contains("interrupted imports and stages failed, their images queued " + "again: 1");
            assertThat(filesOf(staging))
                    .as("only the waiting image's staged data")
                    .containsExactly(waiting);
            assertThat(show(base, waiting).get("status").asText()).isEqualTo("uploading");

            assertThat(importFrom(base, interrupted, source, "/good").statusCode())
                    .isEqualTo(202);
            assertThat(awaitSettled(base, interrupted).get("status").asText()).isEqualTo("active");
            assertThat(send(
                                    base,
                                    "POST",
                                    "/v2/images/" + waiting + "/import",
                                    "application/json",
                                    "{\"method\": {\"name\": \"glance-direct\"}}".getBytes())
                            .statusCode())
                    .isEqualTo(202);
            assertThat(awaitSettled(base, waiting).get("status").asText()).isEqualTo("active");
        } finally {
            source.stop(0);
        }
    }

    private static String create(URI base) throws Exception {
        HttpResponse<String> created = send(
                base,
                "POST",
                "/v2/images",
                "application/json",
                "{\"name\": \"import-restart\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}".getBytes());
        assertThat(created.statusCode()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    private static HttpResponse<String> importFrom(URI base, String id, HttpServer source, String path)
            throws Exception {
        String uri = "http://127.0.0.1:" + source.getAddress().getPort() + path;
        return send(
                base,
                "POST",
                "/v2/images/" + id + "/import",
                "application/json",
                ("{\"method\": {\"name\": \"web-download\", \"uri\": \"" + uri + "\"}}").getBytes());
    }

    private static JsonNode show(URI base, String id) throws Exception {
        return json(send(base, "GET", "/v2/images/" + id, null, null));
    }

    private static void awaitImportingWithPartialFile(URI base, String id, Path staging) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            boolean importing = show(base, id).get("status").asText().equals("importing");
            boolean partial = filesOf(staging).stream().anyMatch(n -> n.startsWith(".") && n.contains(id));
            if (importing
                    && partial
                    && Files.size(staging.resolve(filesOf(staging).stream()
                                    .filter(n -> n.startsWith(".") && n.contains(id))
                                    .findFirst()
                                    .orElseThrow()))
                            > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the import never reached the staging area; files: " + filesOf(staging));
    }

    private static JsonNode awaitSettled(URI base, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode image = show(base, id);
            if (!image.get("status").asText().equals("importing") && !image.has("os_glance_import_task")) {
                return image;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("image " + id + " stayed importing");
    }

    private static HttpResponse<String> send(URI base, String method, String path, String type, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    private static List<String> filesOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
