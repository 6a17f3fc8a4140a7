package org.glance4j.bootstrap.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.bootstrap.api.Persona;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Interoperable import end to end, on a glance4j started for this class with import filtering opened for a local
 * HTTP server the test runs, and the plugins image_decompression, image_conversion (real qemu-img) and
 * inject_image_metadata: glance-direct, web-download, a redirect to a refused host, the lock, conversion,
 * decompression, a failed plugin, the tasks API and its personas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportApiTest {

    private static final String OCTET = "application/octet-stream";

    private Path dir;

    private HttpServer source;
    private GlanceApplication app;
    private final CountDownLatch release = new CountDownLatch(1);
    private final String project = "p-" + UUID.randomUUID();
    private final String otherProject = "p-" + UUID.randomUUID();
    private final Persona admin = Persona.of("admin", "admin-" + UUID.randomUUID(), "admin", "member", "reader");
    private final Persona member = Persona.of("member", project, "member", "reader");
    private final Persona reader = Persona.of("reader", project, "reader");
    private final Persona stranger = Persona.of("stranger", otherProject, "member", "reader");

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("glance4j-import-api");
        source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        source.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        source.start();
        source.createContext("/stall", exchange -> {
            // declares 10 MiB, sends 1 MiB, waits for the test, then drops the connection (an uncaught exception
            // makes the JDK server close it)
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
        source.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://10.1.2.3:" + port() + "/secret");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        Path config = dir.resolve("glance-api.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "[import_filtering_opts]",
                        "allowed_hosts = 127.0.0.1",
                        "allowed_ports = " + port(),
                        "[image_import_opts]",
                        "image_import_plugins = image_decompression, image_conversion, inject_image_metadata",
                        "[inject_metadata_properties]",
                        "inject = imported_by:glance4j",
                        "ignore_user_roles = admin",
                        ""));
        app = GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--auth",
                "trusted-headers",
                "--config",
                config.toString()));
    }

    @AfterAll
    void stop() {
        release.countDown();
        if (app != null) {
            app.close();
        }
        source.stop(0);
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    private int port() {
        return source.getAddress().getPort();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private void serve(String path, byte[] body) {
        source.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private ImportClient as(Persona who) {
        return new ImportClient(URI.create("http://127.0.0.1:" + app.port() + "/"), who);
    }

    private String create(String diskFormat) {
        ImportClient.Answer created = as(member)
                .post(
                        "/v2/images",
                        Map.of(
                                "name",
                                "import-" + UUID.randomUUID(),
                                "disk_format",
                                diskFormat,
                                "container_format",
                                "bare"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private JsonNode image(String id) {
        ImportClient.Answer shown = as(member).get("/v2/images/" + id);
        assertThat(shown.status()).as("%s", shown).isEqualTo(200);
        return shown.json();
    }

    /** Polls (no timing assertion) until the image leaves importing; returns it. */
    private JsonNode awaitSettled(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode image = image(id);
            String status = image.get("status").asText();
            boolean locked = image.has("os_glance_import_task");
            if (!status.equals("importing") && !locked) {
                return image;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("image " + id + " stayed importing");
    }

    private static Map<String, Object> method(String name) {
        return Map.of("method", Map.of("name", name));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        b[0] = 7;
        return b;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void glanceDirectStagesAndImports() throws Exception {
        ImportClient.Answer created =
                as(member).post("/v2/images", Map.of("name", "gd", "disk_format", "raw", "container_format", "bare"));
        assertThat(created.headers().firstValue("OpenStack-image-import-methods"))
                .contains("glance-direct,web-download,copy-image");
        String id = created.json().get("id").asText();
        byte[] data = randomBytes(200_704); // whole 512-byte sectors: qemu-img reports the same virtual size

        assertThat(as(reader).put("/v2/images/" + id + "/stage", OCTET, data).status())
                .isEqualTo(403);
        assertThat(as(member)
                        .put("/v2/images/" + id + "/stage", "text/plain", data)
                        .status())
                .isEqualTo(415);
        ImportClient.Answer staged = as(member).put("/v2/images/" + id + "/stage", OCTET, data);
        assertThat(staged.status()).as("%s", staged).isEqualTo(204);
        JsonNode uploading = image(id);
        assertThat(uploading.get("status").asText()).isEqualTo("uploading");
        assertThat(uploading.get("size").asLong()).isEqualTo(200_704);
        assertThat(uploading.has("os_glance_stage_host")).as("hidden").isFalse();
        assertThat(as(member).get("/v2/images/" + id + "/file").status()).isEqualTo(204);
        assertThat(as(member).put("/v2/images/" + id + "/stage", OCTET, data).status())
                .isEqualTo(409);

        ImportClient.Answer started = as(member).post("/v2/images/" + id + "/import", method("glance-direct"));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        JsonNode active = awaitSettled(id);
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("checksum").asText()).isEqualTo(md5(data));
        assertThat(active.get("os_glance_importing_to_stores").asText()).isEmpty();
        assertThat(active.get("os_glance_failed_import").asText()).isEmpty();
        assertThat(active.get("imported_by").asText()).isEqualTo("glance4j");
        assertThat(active.get("virtual_size").asLong()).isEqualTo(200_704);

        ImportClient.Answer again = as(member).post("/v2/images/" + id + "/import", method("glance-direct"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("Image with status active cannot be target for import");
    }

    @Test
    void webDownloadFetchesFromTheAllowedLocalServer() throws Exception {
        byte[] data = randomBytes(500_000);
        serve("/disk.raw", data);
        String id = create("raw");
        ImportClient.Answer started = as(member)
                .post(
                        "/v2/images/" + id + "/import",
                        Map.of("method", Map.of("name", "web-download", "uri", url("/disk.raw"))));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        JsonNode active = awaitSettled(id);
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("checksum").asText()).isEqualTo(md5(data));
        assertThat(as(member).get("/v2/images/" + id + "/file").body().length()).isPositive();
    }

    @Test
    void webDownloadRefusesOtherHostsAtOnceAndRedirectsToRefusedHostsInTheTask() throws Exception {
        String id = create("raw");
        ImportClient.Answer refused = as(member)
                .post(
                        "/v2/images/" + id + "/import",
                        Map.of("method", Map.of("name", "web-download", "uri", "http://localhost:" + port() + "/x")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("URI for web-download does not pass filtering");
        assertThat(image(id).get("status").asText()).isEqualTo("queued");

        ImportClient.Answer started = as(member)
                .post(
                        "/v2/images/" + id + "/import",
                        Map.of("method", Map.of("name", "web-download", "uri", url("/redirect"))));
        assertThat(started.status()).isEqualTo(202);
        JsonNode queued = awaitSettled(id);
        assertThat(queued.get("status").asText()).isEqualTo("queued");
        assertThat(queued.get("os_glance_failed_import").asText()).isEqualTo("file");
        JsonNode tasks = as(reader).get("/v2/images/" + id + "/tasks").json().get("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("status").asText()).isEqualTo("failure");
        assertThat(tasks.get(0).get("message").asText()).startsWith("Redirect to disallowed URL: http://10.1.2.3");
    }

    @Test
    void theLockRefusesASecondImportWhileTheFirstRuns() throws Exception {
        String id = create("raw");
        ImportClient.Answer first = as(member)
                .post(
                        "/v2/images/" + id + "/import",
                        Map.of("method", Map.of("name", "web-download", "uri", url("/stall"))));
        assertThat(first.status()).isEqualTo(202);
        assertThat(image(id).get("status").asText()).isEqualTo("importing");
        ImportClient.Answer second = as(member)
                .post(
                        "/v2/images/" + id + "/import",
                        Map.of("method", Map.of("name", "web-download", "uri", url("/stall"))));
        assertThat(second.status()).isEqualTo(409);
        release.countDown();
        JsonNode settled = awaitSettled(id);
        assertThat(settled.get("status").asText())
                .as("the stalled source sent too few bytes")
                .isEqualTo("queued");
        assertThat(settled.has("os_glance_import_task")).isFalse();
    }

    @Test
    void conversionTurnsAQcow2IntoRawWithQemuImg() throws Exception {
        Path qcow = dir.resolve("disk.qcow2");
        RequiredTool.program("qemu-img", "qemu-utils");
        Process make = new ProcessBuilder("qemu-img", "create", "-f", "qcow2", qcow.toString(), "8M")
                .redirectErrorStream(true)
                .start();
        make.getInputStream().readAllBytes();
        assertThat(make.waitFor()).isZero();
        String id = create("qcow2");
        assertThat(as(member)
                        .put("/v2/images/" + id + "/stage", OCTET, Files.readAllBytes(qcow))
                        .status())
                .isEqualTo(204);
        assertThat(as(member)
                        .post("/v2/images/" + id + "/import", method("glance-direct"))
                        .status())
                .isEqualTo(202);
        JsonNode active = awaitSettled(id);
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("disk_format").asText()).isEqualTo("raw");
        assertThat(active.get("size").asLong()).isEqualTo(8L << 20);
        assertThat(active.get("virtual_size").asLong()).isEqualTo(8L << 20);
    }

    @Test
    void aQcow2WithABackingFileDeclaredRawIsRefusedWhenStaged() throws Exception {
        Path qcow = dir.resolve("hidden.qcow2");
        RequiredTool.program("qemu-img", "qemu-utils");
        Process make = new ProcessBuilder(
                        "qemu-img",
                        "create",
                        "-f",
                        "qcow2",
                        "-u",
                        "-b",
                        "/etc/hostname",
                        "-F",
                        "raw",
                        qcow.toString(),
                        "1M")
                .redirectErrorStream(true)
                .start();
        make.getInputStream().readAllBytes();
        assertThat(make.waitFor()).isZero();
        String id = create("raw");
        ImportClient.Answer staged = as(member).put("/v2/images/" + id + "/stage", OCTET, Files.readAllBytes(qcow));
        assertThat(staged.status()).isEqualTo(400);
        assertThat(image(id).get("status").asText()).isEqualTo("queued");
    }

    @Test
    void decompressionUnpacksAGzippedImage() throws Exception {
        byte[] data = randomBytes(300_000);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(data);
        }
        String id = create("raw");
        assertThat(as(member)
                        .put("/v2/images/" + id + "/stage", OCTET, gz.toByteArray())
                        .status())
                .isEqualTo(204);
        assertThat(as(member)
                        .post("/v2/images/" + id + "/import", method("glance-direct"))
                        .status())
                .isEqualTo(202);
        JsonNode active = awaitSettled(id);
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("size").asLong()).isEqualTo(300_000);
        assertThat(active.get("checksum").asText()).isEqualTo(md5(data));
    }

    @Test
    void aFailedPluginPutsTheImageBackToQueuedAndTheTaskSaysWhy() throws Exception {
        String id = create("ploop");
        assertThat(as(member)
                        .put("/v2/images/" + id + "/stage", OCTET, randomBytes(4096))
                        .status())
                .isEqualTo(204);
        assertThat(as(member)
                        .post("/v2/images/" + id + "/import", method("glance-direct"))
                        .status())
                .isEqualTo(202);
        JsonNode queued = awaitSettled(id);
        assertThat(queued.get("status").asText()).isEqualTo("queued");
        assertThat(queued.get("os_glance_failed_import").asText()).isEqualTo("file");
        assertThat(queued.get("size").isNull()).isTrue();
        JsonNode task = as(member)
                .get("/v2/images/" + id + "/tasks")
                .json()
                .get("tasks")
                .get(0);
        assertThat(task.get("status").asText()).isEqualTo("failure");
        assertThat(task.get("message").asText()).contains("qemu-img");
    }

    @Test
    void importRefusesBadBodiesWithGlancesAnswers() {
        String id = create("raw");
        assertThat(as(member).post("/v2/images/" + id + "/import", Map.of()).status())
                .isEqualTo(400);
        assertThat(as(member)
                        .post("/v2/images/" + id + "/import", method("glance-download"))
                        .body())
                .contains("Unknown import method name 'glance-download'.");
        ImportClient.Answer notStaged = as(member).post("/v2/images/" + id + "/import", method("glance-direct"));
        assertThat(notStaged.status()).isEqualTo(409);
        assertThat(as(stranger)
                        .post("/v2/images/" + id + "/import", method("glance-direct"))
                        .status())
                .isEqualTo(404);
        assertThat(as(member)
                        .post("/v2/images/" + UUID.randomUUID() + "/import", method("glance-direct"))
                        .status())
                .isEqualTo(404);
        assertThat(as(member)
                        .post("/v2/images/" + id + "/import", Map.of("method", Map.of("name", "copy-image")))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void infoImportListsTheMethods() {
        ImportClient.Answer info = as(reader).get("/v2/info/import");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("import-methods").get("value"))
                .extracting(JsonNode::asText)
                .containsExactly("glance-direct", "web-download", "copy-image");
        assertThat(info.json().get("import-methods").get("type").asText()).isEqualTo("array");
    }

    @Test
    void theTasksApiIsAdminOnlyAndImageTasksAreForReaders() throws Exception {
        String id = create("raw");
        as(member).put("/v2/images/" + id + "/stage", OCTET, randomBytes(1000));
        as(member).post("/v2/images/" + id + "/import", method("glance-direct"));
        awaitSettled(id);
        JsonNode imageTasks =
                as(reader).get("/v2/images/" + id + "/tasks").json().get("tasks");
        assertThat(imageTasks).hasSize(1);
        String taskId = imageTasks.get(0).get("id").asText();
        assertThat(imageTasks.get(0).get("status").asText()).isEqualTo("success");
        assertThat(imageTasks.get(0).get("type").asText()).isEqualTo("api_image_import");
        assertThat(as(stranger).get("/v2/images/" + id + "/tasks").status()).isEqualTo(404);

        assertThat(as(member).get("/v2/tasks").status()).isEqualTo(403);
        assertThat(as(member).get("/v2/tasks/" + taskId).status()).isEqualTo(403);
        ImportClient.Answer list = as(admin).get("/v2/tasks?limit=1000");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("schema").asText()).isEqualTo("/v2/schemas/tasks");
        assertThat(list.json().get("tasks"))
                .extracting(t -> t.get("id").asText())
                .contains(taskId);
        JsonNode task = as(admin).get("/v2/tasks/" + taskId).json();
        assertThat(task.get("owner").asText()).isEqualTo(project);
        assertThat(task.get("result").get("image_id").asText()).isEqualTo(id);
        assertThat(task.get("input").get("import_req").get("method").get("name").asText())
                .isEqualTo("glance-direct");
        assertThat(task.get("self").asText()).isEqualTo("/v2/tasks/" + taskId);
        assertThat(task.has("expires_at")).isTrue();
        assertThat(as(admin).get("/v2/tasks/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(as(admin).get("/v2/tasks?sort_dir=sideways").status()).isEqualTo(400);
        assertThat(as(admin).get("/v2/schemas/task").json().get("name").asText())
                .isEqualTo("task");
        assertThat(as(admin).get("/v2/schemas/tasks").json().get("name").asText())
                .isEqualTo("tasks");
    }
}
