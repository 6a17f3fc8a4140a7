package org.glance4j.bootstrap.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.ApiResponse;
import org.glance4j.bootstrap.api.BinaryResponse;
import org.glance4j.bootstrap.api.Persona;
import org.glance4j.storage.swift.SwiftServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node image cache end to end: a real server whose store is a real Swift (whose reads are counted), with
 * {@code image_cache_dir} set. Downloads fill the cache, later ones (whole and ranged) never reach the store, a
 * partial or damaged copy is never kept, pruning removes the least recently used, deactivation and deletion remove
 * the copy, and {@code /v2/cache} answers Glance's status codes.
 */
@ExtendWith(SwiftServer.class)
class ImageCacheApiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MIB = 1024 * 1024;

    private static CachedServer server;
    private static Api admin;
    private static Api member;
    private static final Persona ADMIN = Persona.of("admin", "admin-project", "admin", "member", "reader");
    private static final Persona MEMBER = Persona.of("member", "member-project", "member", "reader");

    @BeforeAll
    static void start() {
        server = CachedServer.start(
                SwiftServer.get(),
                "image_cache_dir = DIR/cache",
                "image_cache_max_size = " + (5 * MIB),
                "cache_prefetcher_interval = 3600",
                "[glance4j]",
                "metrics_port = 0");
        admin = server.as(ADMIN);
        member = server.as(MEMBER);
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyCache() {
        assertThat(admin.delete("/v2/cache").status()).isEqualTo(204);
        CountingStoreFactory.corrupt = false;
        CountingStoreFactory.READS.set(0);
    }

    @Test
    void theSecondDownloadWholeOrRangedIsServedFromTheCacheWithoutReadingTheStore() throws Exception {
        byte[] data = randomBytes(3 * MIB + 17);
        String id = activeImage(admin, data, "public");

        BinaryResponse first = download(admin, id, Map.of());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bytes()).isEqualTo(data);
        assertThat(CountingStoreFactory.READS.get()).isEqualTo(1);
        awaitCached(id);

        BinaryResponse second = download(member, id, Map.of());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.bytes()).isEqualTo(data);
        assertThat(second.header("Content-MD5")).isEqualTo(first.header("Content-MD5"));

        BinaryResponse ranged = download(admin, id, Map.of("Range", "bytes=1000-1999"));
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.header("Content-Range")).hasValue("bytes 1000-1999/" + data.length);
        assertThat(ranged.bytes()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));

        assertThat(CountingStoreFactory.READS.get()).as("reads of the store").isEqualTo(1);
        JsonNode entry = cachedEntry(id);
        assertThat(entry.get("hits").asLong()).isEqualTo(2);
        assertThat(entry.get("size").asLong()).isEqualTo(data.length);
        assertThat(entry.get("last_accessed").asDouble())
                .isGreaterThanOrEqualTo(entry.get("last_modified").asDouble());
        assertThat(Files.size(cacheDir().resolve(id))).isEqualTo(data.length);
    }

    @Test
    void aDownloadCutShortLeavesNoCopyAndTheNextWholeDownloadFillsTheCache() throws Exception {
        byte[] data = randomBytes(4 * MIB);
        String id = activeImage(admin, data, "public");

        try (Socket socket = new Socket()) {
            // a small receive window keeps the server from handing the whole image to the kernel's socket buffers
            // (loopback buffers grow to several MiB) before the client goes: the download must end cut short
            socket.setReceiveBufferSize(8 * 1024);
            socket.connect(new java.net.InetSocketAddress(
                    server.base().getHost(), server.base().getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/images/" + id + "/file HTTP/1.1\r\nHost: localhost\r\nX-Identity-Status: Confirmed\r\n"
                            + "X-User-Id: u\r\nX-Project-Id: admin-project\r\nX-Roles: admin,member,reader\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] some = new byte[64 * 1024];
            int got = 0;
            while (got < some.length) {
                int n = in.read(some, got, some.length - got);
                assertThat(n).isPositive();
                got += n;
            }
        }
        await("the partial copy is discarded", () -> incompleteFiles().isEmpty());
        assertThat(cachedIds()).doesNotContain(id);
        assertThat(cacheDir().resolve(id)).doesNotExist();
        assertThat(download(admin, id, Map.of()).bytes()).isEqualTo(data);
        awaitCached(id);
        assertThat(CountingStoreFactory.READS.get()).isEqualTo(2);
    }

    @Test
    void bytesThatDoNotMatchTheChecksumAreNeverCached() throws Exception {
        byte[] data = randomBytes(MIB);
        String id = activeImage(admin, data, "public");
        CountingStoreFactory.corrupt = true;

        BinaryResponse damaged = download(admin, id, Map.of());
        assertThat(damaged.bytes()).hasSize(data.length).isNotEqualTo(data);

        CountingStoreFactory.corrupt = false;
        assertThat(cachedIds()).doesNotContain(id);
        assertThat(cacheDir().resolve(id)).doesNotExist();
        assertThat(download(admin, id, Map.of()).bytes()).isEqualTo(data);
        awaitCached(id);
        assertThat(download(admin, id, Map.of()).bytes()).isEqualTo(data);
        assertThat(CountingStoreFactory.READS.get()).isEqualTo(2);
    }

    @Test
    void pruningRemovesTheLeastRecentlyUsedImagesUntilTheCacheFits() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = activeImage(admin, randomBytes(2 * MIB), "public");
            download(admin, id, Map.of());
            awaitCached(id);
            ids.add(id);
        }
        download(admin, ids.get(0), Map.of()); // the first becomes the most recently used

        ApiResponse pruned = admin.post("/v2/cache/prune", null);

        assertThat(pruned.status()).isEqualTo(200);
        assertThat(pruned.json().get("total_files_pruned").asInt()).isEqualTo(1);
        assertThat(pruned.json().get("total_bytes_pruned").asLong()).isEqualTo(2L * MIB);
        assertThat(cachedIds()).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(cacheDir().resolve(ids.get(1))).doesNotExist();
        ApiResponse again = admin.post("/v2/cache/prune", null);
        assertThat(again.json().get("total_files_pruned").asInt()).isZero();
    }

    @Test
    void deactivationAndDeletionRemoveTheCopyAndADeactivatedImageIsNeverServedFromTheCache() throws Exception {
        byte[] data = randomBytes(MIB);
        String id = activeImage(admin, data, "public");
        download(admin, id, Map.of());
        awaitCached(id);

        assertThat(admin.post("/v2/images/" + id + "/actions/deactivate", null).status())
                .isEqualTo(204);

        assertThat(cacheDir().resolve(id)).doesNotExist();
        assertThat(cachedIds()).doesNotContain(id);
        assertThat(download(member, id, Map.of()).status()).isEqualTo(403);
        assertThat(download(admin, id, Map.of()).bytes()).isEqualTo(data);
        assertThat(CountingStoreFactory.READS.get()).isEqualTo(2);
        assertThat(cacheDir().resolve(id))
                .as("a deactivated image is not cached again")
                .doesNotExist();

        assertThat(admin.post("/v2/images/" + id + "/actions/reactivate", null).status())
                .isEqualTo(204);
        download(admin, id, Map.of());
        awaitCached(id);

        assertThat(admin.delete("/v2/images/" + id).status()).isEqualTo(204);
        assertThat(cacheDir().resolve(id)).doesNotExist();
        assertThat(cachedIds()).doesNotContain(id);
    }

    @Test
    void theCacheApiAnswersGlanceStatusCodes() throws Exception {
        String active = activeImage(admin, randomBytes(1000), "public");
        String queued = admin.post(
                        "/v2/images", Map.of("name", "no data", "disk_format", "raw", "container_format", "bare"))
                .json()
                .get("id")
                .asText();
        String unknown = "8a5d0a1c-0a9f-4bde-9e43-2b3dcb3c6a11";

        assertThat(member.get("/v2/cache").status()).isEqualTo(403);
        assertThat(member.put("/v2/cache/" + active).status()).isEqualTo(403);
        assertThat(member.delete("/v2/cache/" + active).status()).isEqualTo(403);
        assertThat(member.delete("/v2/cache").status()).isEqualTo(403);
        assertThat(member.post("/v2/cache/prune", null).status()).isEqualTo(403);
        assertThat(member.post("/v2/cache/clean", null).status()).isEqualTo(403);

        ApiResponse list = admin.get("/v2/cache");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("cached_images").isArray()).isTrue();
        assertThat(list.json().get("queued_images").isArray()).isTrue();

        assertThat(admin.put("/v2/cache/" + unknown).status()).isEqualTo(404);
        assertThat(admin.put("/v2/cache/" + queued).status()).isEqualTo(400);
        assertThat(admin.delete("/v2/cache/" + unknown).status()).isEqualTo(404);
        assertThat(admin.put("/v2/cache/" + active).status()).isEqualTo(202);
        assertThat(admin.get("/v2/cache").json().get("queued_images").get(0).asText())
                .isEqualTo(active);
        assertThat(admin.delete("/v2/cache/" + active).status()).isEqualTo(204);
        assertThat(admin.get("/v2/cache").json().get("queued_images")).isEmpty();
        download(admin, active, Map.of());
        awaitCached(active);
        assertThat(admin.delete("/v2/cache/" + active).status()).isEqualTo(204);
        assertThat(cachedIds()).doesNotContain(active);
        assertThat(admin.put("/v2/cache/" + active).status()).isEqualTo(202);
        assertThat(clear("").status()).isEqualTo(204);
        assertThat(admin.get("/v2/cache").json().get("queued_images")).isEmpty();

        assertThat(clear("bogus").status()).isEqualTo(400);
        assertThat(clear("both").status())
                .as("master takes an empty target for both")
                .isEqualTo(400);
        assertThat(clear("CACHE").status()).isEqualTo(204);
        assertThat(clear("queue").status()).isEqualTo(204);
        assertThat(admin.post("/v2/cache/clean", null).status()).isEqualTo(200);
        assertThat(admin.get("/v2/cache/" + active).status()).isEqualTo(405);
        assertThat(admin.get("/v2/cache/" + active).header("Allow")).hasValue("DELETE, PUT");
        assertThat(admin.post("/v2/cache", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void theCacheVersionsArePublishedWithACacheAndNotWithout() throws Exception {
        JsonNode versions = admin.get("/versions").json().get("versions");
        assertThat(versions.findValuesAsText("id")).startsWith("v2.18", "v2.17", "v2.16", "v2.15", "v2.14");
        assertThat(versions.get(0).get("status").asText()).isEqualTo("CURRENT");
        assertThat(admin.get("/v2.14/cache").status()).isEqualTo(200);
        assertThat(admin.get("/v2.16/cache").status()).isEqualTo(200);

        try (CachedServer plain = CachedServer.start(SwiftServer.get())) {
            Api plainAdmin = plain.as(ADMIN);
            JsonNode plainVersions = plainAdmin.get("/versions").json().get("versions");
            assertThat(plainVersions.findValuesAsText("id"))
                    .doesNotContain("v2.14", "v2.16", "v2.18")
                    .startsWith("v2.17");
            assertThat(plainAdmin.get("/v2/cache").status()).isEqualTo(404);
            assertThat(plainAdmin.get("/v2/cache").body()).contains("Caching via API is not supported at this site.");
            assertThat(plain.as(MEMBER).get("/v2/cache").status()).isEqualTo(403);
            assertThat(plainAdmin.get("/v2.14/cache").status()).isEqualTo(300);
        }
    }

    @Test
    void hitsMissesBytesServedAndWhatTheCacheHoldsAreOnMetrics() throws Exception {
        byte[] data = randomBytes(MIB + 5);
        String id = activeImage(admin, data, "public");
        Map<String, Double> before = metrics();

        assertThat(download(admin, id, Map.of()).bytes()).isEqualTo(data);
        awaitCached(id);
        assertThat(download(member, id, Map.of()).bytes()).isEqualTo(data);

        Map<String, Double> after = metrics();
        assertThat(after.get("glance4j_image_cache_misses_total") - before.get("glance4j_image_cache_misses_total"))
                .isEqualTo(1);
        assertThat(after.get("glance4j_image_cache_hits_total") - before.get("glance4j_image_cache_hits_total"))
                .isEqualTo(1);
        assertThat(after.get("glance4j_image_cache_served_bytes_total")
                        - before.get("glance4j_image_cache_served_bytes_total"))
                .isEqualTo(data.length);
        assertThat(after.get("glance4j_image_cache_fills_total") - before.get("glance4j_image_cache_fills_total"))
                .isEqualTo(1);
        assertThat(after.get("glance4j_image_cache_images")).isEqualTo(1);
        assertThat(after.get("glance4j_image_cache_size_bytes")).isEqualTo(data.length);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The image cache's samples of {@code /metrics} (no labels), by name. */
    private static Map<String, Double> metrics() throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new java.util.HashMap<>();
        answer.body()
                .lines()
                .filter(line -> line.startsWith("glance4j_image_cache_"))
                .map(line -> line.split(" "))
                .forEach(parts -> samples.put(parts[0], Double.parseDouble(parts[1])));
        return samples;
    }

    private static ApiResponse clear(String target) {
        return admin.send("DELETE", "/v2/cache", null, null, Map.of("x-image-cache-clear-target", target));
    }

    private static BinaryResponse download(Api api, String id, Map<String, String> headers) {
        return api.getBytes("GET", "/v2/images/" + id + "/file", headers);
    }

    private static String activeImage(Api api, byte[] data, String visibility) {
        ApiResponse created = api.post(
                "/v2/images",
                Map.of("name", "cached", "disk_format", "raw", "container_format", "bare", "visibility", visibility));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(api.putBytes("/v2/images/" + id + "/file", "application/octet-stream", data, Map.of())
                        .status())
                .isEqualTo(204);
        return id;
    }

    private static JsonNode cachedEntry(String id) {
        for (JsonNode entry : admin.get("/v2/cache").json().get("cached_images")) {
            if (entry.get("image_id").asText().equals(id)) {
                return entry;
            }
        }
        throw new AssertionError("image " + id + " is not cached");
    }

    private static List<String> cachedIds() {
        List<String> ids = new ArrayList<>();
        admin.get("/v2/cache")
                .json()
                .get("cached_images")
                .forEach(entry -> ids.add(entry.get("image_id").asText()));
        return ids;
    }

    private static void awaitCached(String id) throws InterruptedException {
        await("image " + id + " is cached", () -> cachedIds().contains(id));
    }

    private static Path cacheDir() {
        return server.dir().resolve("cache");
    }

    private static List<Path> incompleteFiles() {
        try (Stream<Path> files = Files.list(cacheDir().resolve("incomplete"))) {
            return files.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
