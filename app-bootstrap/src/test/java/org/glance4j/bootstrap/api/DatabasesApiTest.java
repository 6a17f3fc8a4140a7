package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glance4j.bootstrap.api.BothDatabases.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same answers over HTTP whatever the database (SQLite, PostgreSQL, MariaDB reached through a
 * {@code mysql+pymysql://} URL): an image is created, listed, patched and deleted; racing PATCHes of one image never
 * lose an update; of two racing uploads to one image exactly one wins and the other is a 409.
 */
@Tag(ImageDataExtrasApiTest.GLANCE4J_EXTRA)
@ExtendWith(BothDatabases.class)
class DatabasesApiTest extends ApiTestSupport {
    @BeforeAll
    static void onlyInProcess() {
        assumeThat(ApiTarget.isExternal()).as("starts its own glance4j servers").isFalse();
    }

    static List<Target> databases() {
        return BothDatabases.targets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anImageIsCreatedListedPatchedAndDeleted(Target target) {
        Api api = Api.at(target.base(), people.memberA);
        String name = unique("crud");
        ApiResponse created = api.post(
                "/v2/images",
                Map.of("name", name, "disk_format", "raw", "container_format", "bare", "os_distro", "debian"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().get("id").asText();

        ApiResponse listed = api.get("/v2/images?name=" + name + "&os_distro=debian");
        assertThat(listed.json().get("images"))
                .extracting(image -> image.get("id").asText())
                .containsExactly(id);

        ApiResponse patched = api.patch(
                "/v2/images/" + id,
                List.of(
                        Map.of("op", "replace", "path", "/name", "value", name + "-renamed"),
                        Map.of("op", "add", "path", "/hw_disk_bus", "value", "virtio")));
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        JsonNode shown = api.get("/v2/images/" + id).json();
        assertThat(shown.get("name").asText()).isEqualTo(name + "-renamed");
        assertThat(shown.get("hw_disk_bus").asText()).isEqualTo("virtio");
        assertThat(shown.get("os_distro").asText()).isEqualTo("debian");

        assertThat(api.delete("/v2/images/" + id).status()).isEqualTo(204);
        assertThat(api.get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(api.get("/v2/images?name=" + name + "-renamed").json().get("images"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void racingPatchesOfOneImageLoseNoUpdate(Target target) throws Exception {
        Api api = Api.at(target.base(), people.memberA);
        ApiResponse created = api.post("/v2/images", Map.of("name", unique("race")));
        String id = created.json().get("id").asText();
        int threads = 8;
        int patchesEach = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Integer> statuses = new ArrayList<>();
                    for (int k = 0; k < patchesEach; k++) {
                        statuses.add(api.patch(
                                        "/v2/images/" + id,
                                        List.of(Map.of("op", "add", "path", "/p_" + thread + "_" + k, "value", "v")))
                                .status());
                    }
                    return statuses;
                }));
            }
            start.countDown();
            for (Future<List<Integer>> result : results) {
                assertThat(result.get(120, TimeUnit.SECONDS)).containsOnly(200);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode image = api.get("/v2/images/" + id).json();
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < patchesEach; k++) {
                assertThat(image.has("p_" + t + "_" + k))
                        .as("p_%s_%s of %s", t, k, image)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void ofTwoRacingUploadsOneWinsAndTheOtherIsAConflict(Target target) throws Exception {
        Api api = Api.at(target.base(), people.memberA);
        String id = api.post(
                        "/v2/images",
                        Map.of("name", unique("upload"), "disk_format", "raw", "container_format", "bare"))
                .json()
                .get("id")
                .asText();
        byte[] first =
                "first upload, held open until the second one has been answered".getBytes(StandardCharsets.US_ASCII);
        // A client that sends the head and the first chunk of its upload, then waits.
        try (Socket held = new Socket(target.base().getHost(), target.base().getPort())) {
            held.setSoTimeout(120_000);
            OutputStream out = held.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: "
                            + target.base().getAuthority()
                            + "\r\nX-Identity-Status: Confirmed\r\nX-User-Id: " + people.memberA.userId()
                            + "\r\nX-Project-Id: " + people.memberA.projectId() + "\r\nX-Roles: "
                            + String.join(",", people.memberA.roles()) + "\r\nContent-Type: application/octet-stream"
                            + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            writeChunk(out, first, 0, 10);
            waitForStatus(api, id, "saving");

            ApiResponse loser = api.putBytes(
                    "/v2/images/" + id + "/file",
                    "application/octet-stream",
                    "second".getBytes(StandardCharsets.US_ASCII),
                    Map.of());
            assertThat(loser.status()).as("%s", loser).isEqualTo(409);

            writeChunk(out, first, 10, first.length - 10);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new String(held.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 204");
        }
        JsonNode image = api.get("/v2/images/" + id).json();
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(first.length);
        assertThat(api.getBytes("GET", "/v2/images/" + id + "/file", Map.of()).bytes())
                .isEqualTo(first);
    }

    private static void writeChunk(OutputStream out, byte[] data, int offset, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data, offset, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void waitForStatus(Api api, String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!api.get("/v2/images/" + id).json().get("status").asText().equals(status)) {
            assertThat(System.nanoTime())
                    .as("image %s never became %s", id, status)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
