package org.glance4j.bootstrap.keystone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unified limits ({@code use_keystone_limits = True}) read from a real Keystone's registered and project limits,
 * enforced by glance4j validating Keystone tokens: each limit refuses where Glance refuses, with Glance's 413,
 * {@code /v2/info/usage} reports them, a limit changed in Keystone applies after the cache time, concurrent uploads
 * pass the limit by one image at most, and a Keystone that cannot be asked is 503.
 */
@ExtendWith(KeystoneServer.class)
class KeystoneLimitsApiTest {
    private static final int MIB = 1024 * 1024;
    private static final String REGION = "RegionOne";
    private static final String GLANCE_413 = "The request returned a 413 Request Entity Too Large. This generally "
            + "means that rate limiting or a quota threshold was breached.";

    private static KeystoneServer.Running keystone;
    private static String serviceId;
    private static String endpointId;

    @TempDir
    Path dir;

    private KeystoneGlance glance;
    private final List<String> projectLimits = new ArrayList<>();

    @BeforeAll
    static void register() throws Exception {
        keystone = KeystoneServer.get();
        // a type of its own: an image service more in the shared Keystone's catalog would mislead the client tests
        serviceId = keystone.createService("glance4j-limits-" + UUID.randomUUID(), "image-limits-test");
        endpointId = keystone.createEndpoint(serviceId, "http://127.0.0.1:9/limits-test", REGION);
        for (String resource :
                new String[] {"image_size_total", "image_stage_total", "image_count_total", "image_count_uploading"}) {
            keystone.createRegisteredLimit(serviceId, REGION, resource, 1000);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
        for (String id : projectLimits) {
            keystone.deleteProjectLimit(id);
        }
    }

    private String[] limitsOptions(URI keystoneUrl, String endpoint) {
        return new String[] {
            "[DEFAULT]",
            "use_keystone_limits = True",
            "[oslo_limit]",
            "auth_url = " + keystoneUrl + "/v3",
            "username = admin",
            "password = " + KeystoneServer.ADMIN_PASSWORD,
            "user_domain_name = Default",
            "system_scope = all",
            "endpoint_id = " + endpoint,
            "timeout = 5"
        };
    }

    private void startGlance() throws Exception {
        glance = KeystoneGlance.start(dir.resolve("glance"), keystone.url(), limitsOptions(keystone.url(), endpointId));
    }

    private String limitDemo(String resource, long limit) throws Exception {
        String id = keystone.createProjectLimit(serviceId, REGION, "demo", resource, limit);
        projectLimits.add(id);
        return id;
    }

    private String member() throws Exception {
        return keystone.token("demo-member", "demo");
    }

    private String createRaw(String token) throws Exception {
        return glance.create(token, Map.of("name", "limited", "disk_format", "raw", "container_format", "bare"));
    }

    private String status(String token, String id) throws Exception {
        return glance.call("GET", "/v2/images/" + id, token, null)
                .json()
                .path("status")
                .asText();
    }

    private String overLimit(String resource, long limit, long usage, long delta) {
        return "Project " + keystone.projectId("demo") + " is over a limit for [Resource " + resource
                + " is over limit of " + limit + " due to current usage " + usage + " and delta " + delta + "]";
    }

    @Test
    void imageCountTotalRefusesTheCreateBeyondIt() throws Exception {
        limitDemo("image_count_total", 2);
        startGlance();
        String token = member();
        createRaw(token);
        createRaw(token);

        KeystoneGlance.Answer third = glance.call("POST", "/v2/images", token, Map.of("name", "third"));

        assertThat(third.status()).isEqualTo(413);
        assertThat(third.body()).contains(GLANCE_413).contains(overLimit("image_count_total", 2, 2, 1));
        assertThat(glance.call("GET", "/v2/images", token, null).json().path("images"))
                .hasSize(2);
    }

    @Test
    void imageSizeTotalRefusesAnUploadWhoseDeclaredSizeDoesNotFitAndTheImageStaysQueued() throws Exception {
        limitDemo("image_size_total", 1);
        startGlance();
        String token = member();
        String big = createRaw(token);

        KeystoneGlance.Answer refused = glance.call("PUT", "/v2/images/" + big + "/file", token, new byte[2 * MIB]);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains(GLANCE_413).contains(overLimit("image_size_total", 1, 0, 2));
        assertThat(status(token, big)).isEqualTo("queued");
        String fits = createRaw(token);
        assertThat(glance.call("PUT", "/v2/images/" + fits + "/file", token, new byte[MIB])
                        .status())
                .isEqualTo(204);
        String more = createRaw(token);
        KeystoneGlance.Answer full = glance.call("PUT", "/v2/images/" + more + "/file", token, new byte[MIB]);
        assertThat(full.status()).isEqualTo(413);
        assertThat(full.body()).contains(overLimit("image_size_total", 1, 1, 1));
    }

    @Test
    void imageCountUploadingRefusesUploadAndStage() throws Exception {
        limitDemo("image_count_uploading", 0);
        startGlance();
        String token = member();
        String upload = createRaw(token);
        String stage = createRaw(token);

        KeystoneGlance.Answer uploaded = glance.call("PUT", "/v2/images/" + upload + "/file", token, new byte[10]);
        KeystoneGlance.Answer staged = glance.call("PUT", "/v2/images/" + stage + "/stage", token, new byte[10]);

        assertThat(uploaded.status()).isEqualTo(413);
        assertThat(uploaded.body()).contains(overLimit("image_count_uploading", 0, 1, 0));
        assertThat(staged.status()).isEqualTo(413);
        assertThat(staged.body()).contains(overLimit("image_count_uploading", 0, 1, 0));
        assertThat(status(token, upload)).isEqualTo("queued");
        assertThat(status(token, stage)).isEqualTo("queued");
    }

    @Test
    void imageStageTotalRefusesAStageAndImageSizeTotalFailsTheGlanceDirectImport() throws Exception {
        limitDemo("image_stage_total", 3);
        limitDemo("image_size_total", 1);
        startGlance();
        String token = member();
        String tooBig = createRaw(token);
        KeystoneGlance.Answer refused = glance.call("PUT", "/v2/images/" + tooBig + "/stage", token, new byte[4 * MIB]);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains(overLimit("image_stage_total", 3, 0, 4));

        String image = createRaw(token);
        assertThat(glance.call("PUT", "/v2/images/" + image + "/stage", token, new byte[2 * MIB])
                        .status())
                .isEqualTo(204);
        assertThat(glance.call(
                                "POST",
                                "/v2/images/" + image + "/import",
                                token,
                                Map.of("method", Map.of("name", "glance-direct")))
                        .status())
                .isEqualTo(202);

        JsonNode task = awaitTask(token, image);
        assertThat(task.path("status").asText()).isEqualTo("failure");
        assertThat(task.path("message").asText()).contains(GLANCE_413).contains(overLimit("image_size_total", 1, 0, 2));
        assertThat(status(token, image)).isEqualTo("queued");
    }

    private JsonNode awaitTask(String token, String image) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode tasks = glance.call("GET", "/v2/images/" + image + "/tasks", token, null)
                    .json()
                    .path("tasks");
            if (tasks.size() > 0
                    && List.of("success", "failure")
                            .contains(tasks.get(0).path("status").asText())) {
                return tasks.get(0);
            }
            KeystoneAuthApiTest.pause();
        }
        throw new AssertionError("the import task of " + image + " did not end");
    }

    @Test
    void usageReportsTheProjectLimitsAndWhatTheProjectUses() throws Exception {
        limitDemo("image_count_total", 7);
        startGlance();
        String token = member();
        String id = createRaw(token);
        assertThat(glance.call("PUT", "/v2/images/" + id + "/file", token, new byte[2 * MIB])
                        .status())
                .isEqualTo(204);
        createRaw(token);

        JsonNode usage =
                glance.call("GET", "/v2/info/usage", token, null).json().path("usage");

        assertThat(usage.path("image_count_total").path("limit").asLong()).isEqualTo(7);
        assertThat(usage.path("image_count_total").path("usage").asLong()).isEqualTo(2);
        assertThat(usage.path("image_size_total").path("limit").asLong()).isEqualTo(1000);
        assertThat(usage.path("image_size_total").path("usage").asLong()).isEqualTo(2);
        assertThat(usage.path("image_stage_total").path("limit").asLong()).isEqualTo(1000);
        assertThat(usage.path("image_count_uploading").path("usage").asLong()).isZero();
    }

    @Test
    void aLimitChangedInKeystoneAppliesAfterTheCacheTime() throws Exception {
        String limit = limitDemo("image_count_total", 1);
        startGlance();
        String token = member();
        createRaw(token);
        assertThat(glance.call("POST", "/v2/images", token, Map.of("name", "second"))
                        .status())
                .isEqualTo(413);

        keystone.updateProjectLimit(limit, 3);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int status;
        do {
            status = glance.call("POST", "/v2/images", token, Map.of("name", "second"))
                    .status();
        } while (status == 413 && System.nanoTime() < deadline && KeystoneAuthApiTest.pause());
        assertThat(status).isEqualTo(201);
        assertThat(glance.call("GET", "/v2/info/usage", token, null)
                        .json()
                        .path("usage")
                        .path("image_count_total")
                        .path("limit")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void concurrentChunkedUploadsOvershootImageSizeTotalByOneImageAtMost() throws Exception {
        limitDemo("image_size_total", 2);
        startGlance();
        String token = member();
        int uploads = 5;
        int size = 3 * MIB / 2;
        CountDownLatch open = new CountDownLatch(1);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < uploads; i++) {
                String id = createRaw(token);
                ids.add(id);
                HttpRequest put = HttpRequest.newBuilder(URI.create(glance.base + "/v2/images/" + id + "/file"))
                        .timeout(Duration.ofSeconds(120))
                        .header("X-Auth-Token", token)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> gated(size, 64 * 1024, open)))
                        .build();
                answers.add(http.sendAsync(put, HttpResponse.BodyHandlers.ofString()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!allSaving(token, ids) && System.nanoTime() < deadline) {
                KeystoneAuthApiTest.pause();
            }
            assertThat(allSaving(token, ids))
                    .as("every upload passed its check and is streaming")
                    .isTrue();
        } finally {
            open.countDown();
        }
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            try {
                HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
                if (response.statusCode() != 204) {
                    refused++;
                    assertThat(response.statusCode()).isEqualTo(413);
                    assertThat(response.body()).contains("Resource image_size_total is over limit of 2");
                }
            } catch (java.util.concurrent.ExecutionException e) {
                refused++; // the server answered 413 and closed the connection while the client was still sending
            }
        }
        long stored = 0;
        for (String id : ids) {
            JsonNode image = glance.call("GET", "/v2/images/" + id, token, null).json();
            assertThat(image.path("status").asText()).isIn("active", "queued");
            if (image.path("status").asText().equals("active")) {
                stored += image.path("size").asLong();
            }
        }
        assertThat(stored)
                .as("bytes stored: at most the limit plus one image")
                .isPositive()
                .isLessThanOrEqualTo(2L * MIB + size);
        assertThat(refused).isPositive();
    }

    private boolean allSaving(String token, List<String> ids) throws Exception {
        for (String id : ids) {
            if (!status(token, id).equals("saving")) {
                return false;
            }
        }
        return true;
    }

    /** {@code size} zero bytes, of which those after {@code gateAt} wait until {@code open} is counted down. */
    private static InputStream gated(int size, int gateAt, CountDownLatch open) {
        return new InputStream() {
            private int sent;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent == gateAt) {
                    try {
                        if (!open.await(120, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the gate never opened");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                if (sent >= size) {
                    return -1;
                }
                int n = Math.min(len, (sent < gateAt ? gateAt : size) - sent);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                sent += n;
                return n;
            }
        };
    }

    @Test
    void aKeystoneThatCannotBeAskedForLimitsIs503() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        glance = KeystoneGlance.start(
                dir.resolve("glance"),
                keystone.url(),
                limitsOptions(URI.create("http://127.0.0.1:" + closedPort), endpointId));
        String token = member();

        KeystoneGlance.Answer created = glance.call("POST", "/v2/images", token, Map.of("name", "x"));
        KeystoneGlance.Answer usage = glance.call("GET", "/v2/info/usage", token, null);

        assertThat(created.status()).isEqualTo(503);
        assertThat(created.body()).contains("unified limits");
        assertThat(usage.status()).isEqualTo(503);
    }

    @Test
    void anEndpointIdKeystoneDoesNotKnowStopsTheStartNamingTheOption() {
        assertThatThrownBy(() -> KeystoneGlance.start(
                        dir.resolve("glance"), keystone.url(), limitsOptions(keystone.url(), "no-such-endpoint")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[oslo_limit] endpoint_id = no-such-endpoint");
    }
}
