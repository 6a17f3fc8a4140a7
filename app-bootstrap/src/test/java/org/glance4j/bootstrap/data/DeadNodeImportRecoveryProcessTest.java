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
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two glance4j processes on one PostgreSQL, one shared file store and one shared staging area, with a 3 s node
 * lease. Node A is killed with SIGKILL while a web-download import streams into the staging area (the source the
 * test runs declares 10 MiB, sends 1 MiB and holds the connection); node B, which keeps running, notices through A's
 * lease and puts the image back as A would at its restart: queued, its store in {@code os_glance_failed_import},
 * the task failed, the import lock dropped, the partial staging file deleted. An import through B then works.
 *
 * <p>No timing is asserted: the test waits on conditions with a generous guard deadline that only a hung recovery
 * reaches.
 */
class DeadNodeImportRecoveryProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final long GUARD_SECONDS = 120;

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theOtherNodeFailsTheImportOfAKilledNodeAndQueuesItsImageWithinItsLease(@TempDir Path dir) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        byte[] good = new byte[64 * 1024 + 3];
        new Random(9).nextBytes(good);
        good[0] = 7;
        HttpServer source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        source.setExecutor(Executors.newCachedThreadPool());
        source.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 10L << 20);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[1 << 20]);
            out.flush();
            try {
                release.await(GUARD_SECONDS, TimeUnit.SECONDS);
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
        JdbcSettings database = postgres.newDatabase(4);
        Path store = dir.resolve("shared-images");
        Path staging = dir.resolve("shared-staging");
        Files.createDirectories(store);
        Files.createDirectories(staging);
        Path config = dir.resolve("glance-api.conf");
        Files.writeString(
                config,
                "[database]\nconnection = postgresql://" + database.user() + "@"
                        + database.jdbcUrl().substring("jdbc:postgresql://".length()) + "\n"
                        + "[glance_store]\nfilesystem_store_datadir = " + store + "\n"
                        + "[os_glance_staging_store]\nfilesystem_store_datadir = " + staging + "\n"
                        + "[import_filtering_opts]\nallowed_hosts = 127.0.0.1\nallowed_ports = "
                        + source.getAddress().getPort() + "\n"
                        + "[glance4j]\nnode_lease_seconds = 3\n");

        ServerProcess a =
                ServerProcess.startReady(dir.resolve("data-a"), dir.resolve("a.log"), 0, "--config", config.toString());
        try (ServerProcess b = ServerProcess.startReady(
                dir.resolve("data-b"), dir.resolve("b.log"), 0, "--config", config.toString())) {
            URI throughA = a.baseUri();
            URI throughB = b.baseUri();
            String interrupted = create(throughB);
            try {
                assertThat(importFrom(throughA, interrupted, source, "/stall").statusCode())
                        .isEqualTo(202);
                awaitImportingWithPartialFile(throughB, interrupted, staging);
                a.kill();
            } finally {
                a.kill();
                release.countDown();
            }
            assertThat(a.output()).doesNotContain("glance4j stopped");

            JsonNode image = awaitSettled(throughB, interrupted);
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.has("os_glance_import_task")).isFalse();
            assertThat(image.get("os_glance_failed_import").asText()).isEqualTo("file");
            assertThat(image.get("os_glance_importing_to_stores").asText()).isEmpty();
            JsonNode task = json(send(throughB, "GET", "/v2/images/" + interrupted + "/tasks", null, null))
                    .get("tasks")
                    .get(0);
            assertThat(task.get("status").asText()).isEqualTo("failure");
            assertThat(task.get("message").asText()).contains("interrupted");
            assertThat(b.output()).contains("stopped renewing its lease").contains("put back its unfinished work");
            awaitEmpty(staging);
            assertThat(filesOf(staging))
                    .as("nothing of the killed import is left in the shared staging area")
                    .isEmpty();

            assertThat(importFrom(throughB, interrupted, source, "/good").statusCode())
                    .isEqualTo(202);
            assertThat(awaitSettled(throughB, interrupted).get("status").asText())
                    .isEqualTo("active");
            assertThat(filesOf(store)).containsExactly(interrupted);
            assertThat(Files.readAllBytes(store.resolve(interrupted))).isEqualTo(good);
        } finally {
            a.kill();
            source.stop(0);
        }
    }

    private static String create(URI base) throws Exception {
        HttpResponse<String> created = send(
                base,
                "POST",
                "/v2/images",
                "application/json",
                "{\"name\": \"import-on-a-dead-node\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"
                        .getBytes());
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            boolean importing = show(base, id).get("status").asText().equals("importing");
            List<String> partial = filesOf(staging).stream()
                    .filter(n -> n.startsWith(".") && n.contains(id))
                    .toList();
            if (importing && !partial.isEmpty() && Files.size(staging.resolve(partial.get(0))) > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the import never reached the staging area; files: " + filesOf(staging));
    }

    private static JsonNode awaitSettled(URI base, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            JsonNode image = show(base, id);
            if (!image.get("status").asText().equals("importing") && !image.has("os_glance_import_task")) {
                return image;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("image " + id + " stayed importing");
    }

    private static void awaitEmpty(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (!filesOf(dir).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
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
