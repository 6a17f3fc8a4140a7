package org.glance4j.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.bootstrap.ops.ServerUnderTest.get;
import static org.glance4j.bootstrap.ops.ServerUnderTest.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.bootstrap.JsonLineLogFormatter;
import org.glance4j.bootstrap.OneLineLogFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines an import writes from its worker thread name the request that started it and its task, in text and in
 * JSON, for glance-direct, web-download (from a local HTTP server), copy-image (between two file stores) and an
 * import task of the legacy tasks API on a real server. Lines are formatted on the thread that logs them, as a
 * console handler formats them.
 */
class ImportLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One captured record: the name of the thread that logged it, and its text and JSON forms. */
    private record Line(String thread, String text, String json) {}

    private final List<Line> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final OneLineLogFormatter textFormat = new OneLineLogFormatter();
        private final JsonLineLogFormatter jsonFormat = new JsonLineLogFormatter();

        @Override
        public void publish(LogRecord record) {
            Line line =
                    new Line(Thread.currentThread().getName(), textFormat.format(record), jsonFormat.format(record));
            synchronized (lines) {
                lines.add(line);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger root = Logger.getLogger("");
    private HttpServer source;

    @BeforeEach
    void capture() throws IOException {
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new byte[300_000];
        body[0] = 7;
        source.createContext("/disk.raw", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        source.start();
    }

    @AfterEach
    void release() {
        root.removeHandler(capture);
        source.stop(0);
    }

    @Test
    void theLinesOfEveryImportMethodNameTheRequestThatStartedItAndItsTask(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "enabled_backends = near:file, far:file",
                        "[glance_store]",
                        "default_backend = near",
                        "[near]",
                        "filesystem_store_datadir = " + dir.resolve("near"),
                        "[far]",
                        "filesystem_store_datadir = " + dir.resolve("far"),
                        "[import_filtering_opts]",
                        "allowed_hosts = 127.0.0.1",
                        "allowed_ports = " + source.getAddress().getPort(),
                        ""));
        try (GlanceApplication app = GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--config",
                conf.toString()))) {
            URI api = app.baseUri();

            String staged = MetricsTest.create(api, "staged");
            HttpResponse<String> stage = send(HttpRequest.newBuilder(api.resolve("v2/images/" + staged + "/stage"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])));
            assertThat(stage.statusCode()).isEqualTo(204);
            assertImportLogsItsRequest(api, staged, "{\"method\": {\"name\": \"glance-direct\"}}", "glance-direct");

            String fetched = MetricsTest.create(api, "fetched");
            assertImportLogsItsRequest(
                    api,
                    fetched,
                    "{\"method\": {\"name\": \"web-download\", \"uri\": " + "\"http://127.0.0.1:"
                            + source.getAddress().getPort() + "/disk.raw\"}}",
                    "web-download");

            assertImportLogsItsRequest(
                    api, fetched, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"far\"]}", "copy-image");

            HttpResponse<String> legacy = send(HttpRequest.newBuilder(api.resolve("v2/tasks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"type\": \"import\", \"input\": {\"import_from\": \"http://127.0.0.1:"
                                    + source.getAddress().getPort() + "/disk.raw\", \"import_from_format\": \"raw\", "
                                    + "\"image_properties\": {\"name\": \"legacy\", \"disk_format\": \"raw\", "
                                    + "\"container_format\": \"bare\"}}}")));
            assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(201);
            String requestId =
                    legacy.headers().firstValue("x-openstack-request-id").orElseThrow();
            String taskId = JSON.readTree(legacy.body()).get("id").asText();
            Line success = awaitLine("Import task " + taskId + " of image ");
            assertThat(success.text())
                    .contains("[" + requestId + " task=" + taskId + "] ImportJob: Import task " + taskId)
                    .contains("(web-download) succeeded");
        }
    }

    /**
     * Starts an import of {@code imageId} with {@code body}, waits for its task to succeed, and checks that the
     * success line of the import thread, in both forms, names the import request's id and the task.
     */
    private void assertImportLogsItsRequest(URI api, String imageId, String body, String method) throws Exception {
        Set<String> before = taskIds(api, imageId);
        HttpResponse<String> started = send(HttpRequest.newBuilder(api.resolve("v2/images/" + imageId + "/import"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String requestId =
                started.headers().firstValue("x-openstack-request-id").orElseThrow();
        String taskId = awaitNewTaskSuccess(api, imageId, before);

        Line success = awaitLine("Import task " + taskId + " of image " + imageId + " (" + method + ") succeeded");
        assertThat(success.thread()).startsWith("glance4j-import-");
        assertThat(success.text())
                .contains("INFO    [" + requestId + " task=" + taskId + "] ImportJob: Import task " + taskId);
        JsonNode json = JSON.readTree(success.json());
        assertThat(json.get("request_id").asText()).isEqualTo(requestId);
        assertThat(json.get("task_id").asText()).isEqualTo(taskId);
        synchronized (lines) {
            assertThat(lines)
                    .filteredOn(line -> line.thread().startsWith("glance4j-import-")
                            && line.text().contains(taskId))
                    .allSatisfy(line -> assertThat(line.text()).contains("[" + requestId + " task=" + taskId + "]"));
        }
    }

    /** The ids of the image's tasks now. */
    private static Set<String> taskIds(URI api, String imageId) throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode task : JSON.readTree(send(get(api.resolve("v2/images/" + imageId + "/tasks")))
                        .body())
                .get("tasks")) {
            ids.add(task.get("id").asText());
        }
        return ids;
    }

    /** Waits until the image's one task that is not among {@code before} has succeeded; returns its id. */
    private static String awaitNewTaskSuccess(URI api, String imageId, Set<String> before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String status = null;
        while (System.nanoTime() < deadline) {
            JsonNode tasks = JSON.readTree(send(get(api.resolve("v2/images/" + imageId + "/tasks")))
                            .body())
                    .get("tasks");
            JsonNode started = null;
            for (JsonNode task : tasks) {
                if (!before.contains(task.get("id").asText())) {
                    started = task;
                }
            }
            status = started == null ? "(no task)" : started.get("status").asText();
            if (status.equals("success")) {
                return started.get("id").asText();
            }
            assertThat(status).as("task of image %s", imageId).isNotEqualTo("failure");
            Thread.sleep(50);
        }
        throw new AssertionError("the import task of " + imageId + " did not end within 120 s; status " + status);
    }

    /** The first captured line whose text contains {@code fragment}, waiting for it to be logged. */
    private Line awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            synchronized (lines) {
                for (Line line : lines) {
                    if (line.text().contains(fragment)) {
                        return line;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line with \"" + fragment + "\" within 60 s");
            }
            Thread.sleep(10);
        }
    }
}
