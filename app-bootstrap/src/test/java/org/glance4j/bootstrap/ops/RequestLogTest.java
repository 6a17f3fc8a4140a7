package org.glance4j.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.bootstrap.ops.ServerUnderTest.get;
import static org.glance4j.bootstrap.ops.ServerUnderTest.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.bootstrap.JsonLineLogFormatter;
import org.glance4j.bootstrap.OneLineLogFormatter;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request log of a real server: one line per request, in text and in JSON, and the request id on every line
 * a request causes. Lines are formatted as they are logged, on the thread that logs them, as a console handler
 * formats them.
 */
class RequestLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> text = new ArrayList<>();
    private final List<String> json = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final OneLineLogFormatter textFormat = new OneLineLogFormatter();
        private final JsonLineLogFormatter jsonFormat = new JsonLineLogFormatter();

        @Override
        public void publish(LogRecord record) {
            String line = textFormat.format(record);
            String object = jsonFormat.format(record);
            synchronized (text) {
                text.add(line);
                json.add(object);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger root = Logger.getLogger("");

    @BeforeEach
    void capture() {
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void release() {
        root.removeHandler(capture);
    }

    @Test
    void eachRequestLogsOneLineWithItsRouteStatusBytesDurationRequestIdAndProject(@TempDir Path dir) throws Exception {
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString()))) {
            String id = MetricsTest.create(app.baseUri(), "logged");
            HttpResponse<String> shown = send(get(app.baseUri().resolve("v2/images/" + id)));
            String requestId =
                    shown.headers().firstValue("x-openstack-request-id").orElseThrow();
            long length = shown.body().getBytes(StandardCharsets.UTF_8).length;

            List<String> lines = awaitAccessLine(requestId, text);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0))
                    .matches("\\S+ INFO    \\[" + requestId + "] AccessLog: GET /v2/images/\\{image_id} 200 "
                            + "in=0 out=" + length + " [0-9.]+ms project=noauth-project\\R");

            JsonNode line = JSON.readTree(awaitAccessLine(requestId, json).get(0));
            assertThat(line.get("logger").asText()).isEqualTo("org.glance4j.http.AccessLog");
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("request_id").asText()).isEqualTo(requestId);
            assertThat(line.get("method").asText()).isEqualTo("GET");
            assertThat(line.get("route").asText()).isEqualTo("/v2/images/{image_id}");
            assertThat(line.get("status").asInt()).isEqualTo(200);
            assertThat(line.get("bytes_in").asLong()).isZero();
            assertThat(line.get("bytes_out").asLong()).isEqualTo(length);
            assertThat(line.get("duration_ms").asDouble()).isPositive();
            assertThat(line.get("project").asText()).isEqualTo("noauth-project");
            assertThat(line.get("message").asText()).startsWith("GET /v2/images/{image_id} 200");

            HttpResponse<String> upload =
                    send(HttpRequest.newBuilder(app.baseUri().resolve("v2/images/" + id + "/file"))
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])));
            String uploadId =
                    upload.headers().firstValue("x-openstack-request-id").orElseThrow();
            assertThat(awaitAccessLine(uploadId, text))
                    .singleElement()
                    .asString()
                    .contains("AccessLog: PUT /v2/images/{image_id}/file 204 in=1000 out=0 ");
        }
    }

    @Test
    void everyLineARequestCausesCarriesItsRequestId(@TempDir Path dir) throws Exception {
        byte[] qcow2 = qcow2(dir);
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString()))) {
            String id = MetricsTest.create(app.baseUri(), "claims raw");
            HttpResponse<String> upload =
                    send(HttpRequest.newBuilder(app.baseUri().resolve("v2/images/" + id + "/file"))
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(qcow2)));
            assertThat(upload.statusCode()).isEqualTo(204);
            String requestId =
                    upload.headers().firstValue("x-openstack-request-id").orElseThrow();
            List<String> lines = awaitAccessLine(requestId, text);
            assertThat(lines)
                    .anySatisfy(line -> assertThat(line)
                            .contains("WARNING [" + requestId
                                    + "] FormatPolicy: Image claims disk_format raw but its bytes " + "are qcow2"));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("[" + requestId + "] AccessLog: PUT"));
            assertThat(linesWith(requestId, json))
                    .allSatisfy(line -> assertThat(
                                    JSON.readTree(line).get("request_id").asText())
                            .isEqualTo(requestId));
            synchronized (text) {
                assertThat(text)
                        .filteredOn(line -> line.contains("FormatPolicy"))
                        .allSatisfy(line -> assertThat(line).contains(requestId));
            }
        }
    }

    @Test
    void theRequestLogCanBeTurnedOff(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, "[glance4j]\naccess_log = false\n");
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--config", conf.toString()))) {
            HttpResponse<String> list = send(get(app.baseUri().resolve("v2/images")));
            assertThat(list.statusCode()).isEqualTo(200);
            synchronized (text) {
                assertThat(text).noneMatch(line -> line.contains("AccessLog:"));
            }
        }
    }

    @Test
    void logFormatJsonSwitchesGlance4jsOwnConsoleFormat(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, "[glance4j]\nlog_format = json\n");
        Handler console =
                new java.util.logging.StreamHandler(java.io.OutputStream.nullOutputStream(), new OneLineLogFormatter());
        root.addHandler(console);
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--config", conf.toString()))) {
            assertThat(console.getFormatter()).isInstanceOf(JsonLineLogFormatter.class);
            assertThat(capture.getFormatter())
                    .as("a handler with another format keeps it")
                    .isNull();
        } finally {
            root.removeHandler(console);
        }
    }

    /**
     * The lines with this request id once its access line is among them: that line is logged when the exchange
     * completes, which may be just after the client has its answer.
     */
    private static List<String> awaitAccessLine(String requestId, List<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> found = linesWith(requestId, lines);
            if (found.stream().anyMatch(line -> line.contains("AccessLog"))) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no access line for " + requestId + " within 30 s; lines: " + found);
            }
            Thread.sleep(10);
        }
    }

    private static List<String> linesWith(String requestId, List<String> lines) {
        synchronized (lines) {
            return lines.stream().filter(line -> line.contains(requestId)).toList();
        }
    }

    /** A small safe qcow2 made by qemu-img (skipped without it, except in CI). */
    private static byte[] qcow2(Path dir) throws IOException, InterruptedException {
        Path image = dir.resolve("small.qcow2");
        try {
            Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "1M")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        } catch (IOException e) {
            throw RequiredTool.missing("qemu-img", "qemu-utils");
        }
        return Files.readAllBytes(image);
    }
}
