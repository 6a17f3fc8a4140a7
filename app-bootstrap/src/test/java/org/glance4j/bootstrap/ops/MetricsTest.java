package org.glance4j.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.bootstrap.ops.ServerUnderTest.get;
import static org.glance4j.bootstrap.ops.ServerUnderTest.scrape;
import static org.glance4j.bootstrap.ops.ServerUnderTest.send;
import static org.glance4j.bootstrap.ops.ServerUnderTest.sendBytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.bootstrap.ops.ServerUnderTest.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics on its own port, scraped while requests, transfers and an import run through a real server. */
class MetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;

    @Test
    void countersMoveWithRequestsTransfersStoresTheDatabaseAndImports(@TempDir Path dir) throws Exception {
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--metrics-port", "0"))) {
            assertThat(app.metricsPort()).isPositive().isNotEqualTo(app.port());
            URI api = app.baseUri();
            Scrape before = scrape(app.metricsPort());
            assertThat(before.has("jvm_memory_used_bytes")).isTrue();
            assertThat(before.has("jvm_gc_memory_allocated_bytes_total") || before.has("jvm_gc_max_data_size_bytes"))
                    .isTrue();
            assertThat(before.sum("glance4j_db_pool_connections", "state", "maximum"))
                    .isPositive();

            String id = create(api, "metered");
            byte[] data = new byte[MIB + 17];
            new Random(7).nextBytes(data);
            HttpResponse<String> upload = send(HttpRequest.newBuilder(api.resolve("v2/images/" + id + "/file"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
            assertThat(upload.statusCode()).isEqualTo(204);
            HttpResponse<byte[]> download = sendBytes(get(api.resolve("v2/images/" + id + "/file")));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(data);
            assertThat(send(get(api.resolve("v2/images/" + java.util.UUID.randomUUID())))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(send(get(api.resolve("v2/nothing/here"))).statusCode()).isEqualTo(404);
            send(HttpRequest.newBuilder(api.resolve("v2/images")).method("BREW", HttpRequest.BodyPublishers.noBody()));
            String imported = create(api, "imported");
            assertThat(send(HttpRequest.newBuilder(api.resolve("v2/images/" + imported + "/stage"))
                                    .header("Content-Type", "application/octet-stream")
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data)))
                            .statusCode())
                    .isEqualTo(204);
            assertThat(send(HttpRequest.newBuilder(api.resolve("v2/images/" + imported + "/import"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"method\": {\"name\": \"glance-direct\"}}")))
                            .statusCode())
                    .isEqualTo(202);
            awaitTaskSuccess(api, imported);

            Scrape after = awaitCompleted(app.metricsPort(), "GET", "/v2/images/{image_id}/tasks");
            assertThat(after.sum(
                                    "http_server_requests_seconds_count",
                                    "method",
                                    "POST",
                                    "route",
                                    "/v2/images",
                                    "status",
                                    "201")
                            - before.sum(
                                    "http_server_requests_seconds_count",
                                    "method",
                                    "POST",
                                    "route",
                                    "/v2/images",
                                    "status",
                                    "201"))
                    .isEqualTo(2);
            assertThat(after.sum(
                            "http_server_requests_seconds_count",
                            "method",
                            "PUT",
                            "route",
                            "/v2/images/{image_id}/file",
                            "status",
                            "204"))
                    .isEqualTo(1);
            assertThat(after.sum(
                            "http_server_requests_seconds_count",
                            "method",
                            "GET",
                            "route",
                            "/v2/images/{image_id}",
                            "status",
                            "404"))
                    .isEqualTo(1);
            assertThat(after.sum("http_server_requests_seconds_count", "route", "(unmatched)", "status", "404"))
                    .isEqualTo(1);
            assertThat(after.sum("http_server_requests_seconds_count", "method", "OTHER", "route", "/v2/images"))
                    .as("a method no client should send is counted, not named")
                    .isEqualTo(1);
            assertThat(after.text()).doesNotContain("BREW");
            assertThat(after.sum(
                            "http_server_requests_seconds_bucket",
                            "method",
                            "PUT",
                            "route",
                            "/v2/images/{image_id}/file",
                            "status",
                            "204",
                            "le",
                            "+Inf"))
                    .isEqualTo(1);
            assertThat(after.has("http_server_requests_seconds_bucket")).isTrue();
            assertThat(after.sum("glance4j_http_received_bytes_total", "route", "/v2/images/{image_id}/file"))
                    .isEqualTo(data.length);
            assertThat(after.sum("glance4j_http_received_bytes_total", "route", "/v2/images/{image_id}/stage"))
                    .isEqualTo(data.length);
            assertThat(after.sum("glance4j_http_sent_bytes_total", "route", "/v2/images/{image_id}/file"))
                    .isEqualTo(data.length);
            assertThat(after.sum("glance4j_store_operations_seconds_count", "operation", "write", "outcome", "success"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(after.sum("glance4j_store_operations_seconds_count", "operation", "read", "outcome", "success"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(after.sum("glance4j_store_written_bytes_total")).isGreaterThanOrEqualTo(2.0 * data.length);
            assertThat(after.sum("glance4j_db_statements_seconds_count", "outcome", "success"))
                    .isGreaterThan(before.sum("glance4j_db_statements_seconds_count", "outcome", "success"));
            assertThat(after.sum("glance4j_tasks_completed_total", "type", "api_image_import", "result", "success"))
                    .isEqualTo(1);
            assertThat(after.sum("glance4j_tasks_in_flight")).isZero();
            assertThat(after.sum("glance4j_transfers_in_flight")).isZero();

            HttpResponse<String> onTheApiPort = send(get(api.resolve("metrics")));
            assertThat(onTheApiPort.body()).doesNotContain("http_server_requests_seconds");
        }
    }

    @Test
    void aFailingStoreOperationIsCountedAsAnErrorOfItsStore(@TempDir Path dir) throws Exception {
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--metrics-port", "0"))) {
            URI api = app.baseUri();
            String id = create(api, "lost");
            assertThat(send(HttpRequest.newBuilder(api.resolve("v2/images/" + id + "/file"))
                                    .header("Content-Type", "application/octet-stream")
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])))
                            .statusCode())
                    .isEqualTo(204);
            try (var files = Files.list(dir.resolve("data/images"))) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            sendBytes(get(api.resolve("v2/images/" + id + "/file"))); // the store finds nothing at the location
            Scrape after = scrape(app.metricsPort());
            assertThat(after.sum(
                            "glance4j_store_errors_total",
                            "store",
                            "file",
                            "operation",
                            "read",
                            "category",
                            "not_found"))
                    .isEqualTo(1);
            assertThat(after.sum("glance4j_store_operations_seconds_count", "operation", "read", "outcome", "success"))
                    .isZero();
        }
    }

    @Test
    void withoutAMetricsPortThereAreNoMetrics(@TempDir Path dir) throws Exception {
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString()))) {
            assertThat(app.metricsPort()).isEqualTo(-1);
        }
    }

    @Test
    void theMetricsPortComesFromTheConfigurationFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, "[glance4j]\nmetrics_port = 0\nmetrics_bind_host = 127.0.0.1\n");
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--config", conf.toString()))) {
            assertThat(app.metricsPort()).isPositive();
            assertThat(scrape(app.metricsPort()).has("jvm_memory_used_bytes")).isTrue();
            HttpResponse<String> elsewhere = send(get(URI.create("http://127.0.0.1:" + app.metricsPort() + "/other")));
            assertThat(elsewhere.statusCode()).isEqualTo(404);
        }
    }

    /**
     * A scrape taken once no request is in flight but the scrape itself and the last call of {@code route} has
     * been counted: a request is counted when its exchange completes, which may be just after the client has its
     * answer.
     */
    private static Scrape awaitCompleted(int metricsPort, String method, String route) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Scrape scrape = scrape(metricsPort);
            if (scrape.sum("http_server_requests_active") == 0
                    && scrape.sum("http_server_requests_seconds_count", "method", method, "route", route) > 0) {
                return scrape;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("requests still in flight after 30 s:\n" + scrape.text());
            }
            Thread.sleep(10);
        }
    }

    static String create(URI api, String name) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(api.resolve("v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"" + name + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    /** Waits until the image's import task has ended in success (its final write is what the metrics count). */
    private static void awaitTaskSuccess(URI api, String id) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        String status = null;
        while (System.nanoTime() < deadline) {
            JsonNode tasks = JSON.readTree(
                            send(get(api.resolve("v2/images/" + id + "/tasks"))).body())
                    .get("tasks");
            status = tasks.size() == 1 ? tasks.get(0).get("status").asText() : "(no task)";
            if (status.equals("success")) {
                return;
            }
            assertThat(status).isNotEqualTo("failure");
            Thread.sleep(50);
        }
        throw new AssertionError("the import task did not end within 120 s; status " + status);
    }
}
