package org.glance4j.bootstrap.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.bootstrap.api.Persona;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /v2/tasks}, Glance's deprecated tasks API (glance/api/v2/tasks.py, TasksController.create and
 * RequestDeserializer.create), on a glance4j started for this class with import filtering opened for a local HTTP
 * server the test runs: admin only, the body checks, the checks of {@code import_from}, and the {@code import} task
 * that makes an image and fetches its data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyTasksApiTest {

    private Path dir;
    private HttpServer source;
    private GlanceApplication app;
    private final String project = "p-" + UUID.randomUUID();
    private final Persona admin = Persona.of("admin", "admin-" + UUID.randomUUID(), "admin", "member", "reader");
    private final Persona member = Persona.of("member", project, "member", "reader");
    private final byte[] disk = randomBytes(150_000);

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("glance4j-legacy-tasks");
        source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        source.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        source.start();
        source.createContext("/disk.raw", exchange -> {
            exchange.sendResponseHeaders(200, disk.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(disk);
            }
        });
        Path config = dir.resolve("glance-api.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "[import_filtering_opts]",
                        "allowed_hosts = 127.0.0.1",
                        "allowed_ports = " + source.getAddress().getPort(),
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

    private ImportClient as(Persona who) {
        return new ImportClient(URI.create("http://127.0.0.1:" + app.port() + "/"), who);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + source.getAddress().getPort() + path;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        b[0] = 7; // not a magic number of any format
        return b;
    }

    private static Map<String, Object> importTask(String importFrom, Map<String, Object> properties) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("import_from", importFrom);
        input.put("import_from_format", "raw");
        input.put("image_properties", properties);
        return Map.of("type", "import", "input", input);
    }

    /** Polls (no timing assertion) until the task has ended; returns it. */
    private JsonNode awaitEnded(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            ImportClient.Answer task = as(admin).get("/v2/tasks/" + id);
            assertThat(task.status()).as("%s", task).isEqualTo(200);
            String status = task.json().get("status").asText();
            if (status.equals("success") || status.equals("failure")) {
                return task.json();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("task " + id + " did not end");
    }

    @Test
    void anAdministratorsImportTaskMakesAnActiveImageFromTheSource() throws Exception {
        String name = "legacy-" + UUID.randomUUID();
        ImportClient.Answer created = as(admin)
                .post(
                        "/v2/tasks",
                        importTask(
                                url("/disk.raw"),
                                Map.of(
                                        "name",
                                        name,
                                        "disk_format",
                                        "raw",
                                        "container_format",
                                        "bare",
                                        "os_distro",
                                        "cirros")));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode task = created.json();
        String id = task.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/v2/tasks/" + id);
        assertThat(task.get("type").asText()).isEqualTo("import");
        assertThat(task.get("status").asText()).isIn("pending", "processing", "success");
        assertThat(task.get("owner").asText()).isEqualTo(admin.projectId());
        assertThat(task.get("input").get("import_from").asText()).isEqualTo(url("/disk.raw"));
        assertThat(task.get("self").asText()).isEqualTo("/v2/tasks/" + id);
        assertThat(task.get("schema").asText()).isEqualTo("/v2/schemas/task");

        JsonNode ended = awaitEnded(id);
        assertThat(ended.get("status").asText()).as("%s", ended).isEqualTo("success");
        assertThat(ended.get("message").asText()).isEmpty();
        assertThat(ended.has("expires_at")).isTrue();
        String imageId = ended.get("result").get("image_id").asText();
        JsonNode image = as(admin).get("/v2/images/" + imageId).json();
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("name").asText()).isEqualTo(name);
        assertThat(image.get("os_distro").asText()).isEqualTo("cirros");
        assertThat(image.get("size").asLong()).isEqualTo(disk.length);
        ImportClient.Answer listed = as(admin).get("/v2/tasks?type=import");
        assertThat(listed.json().get("tasks").findValuesAsText("id")).contains(id);
    }

    @Test
    void aSourceThatFailsEndsTheTaskInFailureAndLeavesNoImage() throws Exception {
        String name = "legacy-" + UUID.randomUUID();
        ImportClient.Answer created = as(admin)
                .post(
                        "/v2/tasks",
                        importTask(
                                url("/nothing-here"),
                                Map.of("name", name, "disk_format", "raw", "container_format", "bare")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        JsonNode ended = awaitEnded(created.json().get("id").asText());

        assertThat(ended.get("status").asText()).isEqualTo("failure");
        assertThat(ended.get("message").asText()).contains("404");
        assertThat(ended.get("result").isNull()).isTrue();
        assertThat(as(admin).get("/v2/images?name=" + name).json().get("images"))
                .isEmpty();
    }

    @Test
    void missingInputEndsTheTaskInFailureWithGlancesMessage() throws Exception {
        ImportClient.Answer created = as(admin)
                .post(
                        "/v2/tasks",
                        Map.of(
                                "type",
                                "import",
                                "input",
                                Map.of("import_from", url("/disk.raw"), "import_from_format", "raw")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        JsonNode ended = awaitEnded(created.json().get("id").asText());

        assertThat(ended.get("status").asText()).isEqualTo("failure");
        assertThat(ended.get("message").asText()).isEqualTo("Input does not contain 'image_properties' field");
    }

    /** tasks_api_access (glance/policies/tasks.py) is checked before the body is read. */
    @Test
    void onlyAdministratorsMayCreateTasks() {
        ImportClient.Answer forbidden = as(member).post("/v2/tasks", importTask(url("/disk.raw"), Map.of()));
        ImportClient.Answer unreadable = as(member)
                .send("POST", "/v2/tasks", "application/json", "{not json".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(forbidden.status()).as("%s", forbidden).isEqualTo(403);
        assertThat(forbidden.body()).contains("tasks_api_access");
        assertThat(unreadable.status()).as("%s", unreadable).isEqualTo(403);
    }

    /**
     * glance/api/v2/tasks.py TasksController.delete checks tasks_api_access, then always refuses with 405, Allow: GET
     * (tasks expire instead); the router answers any other method on a task with 405, Allow: GET, DELETE.
     */
    @Test
    void aTaskCannotBeDeletedAndOnlyAdministratorsAreToldWhy() {
        String id = UUID.randomUUID().toString();
        ImportClient.Answer refused = as(admin).send("DELETE", "/v2/tasks/" + id, null, null, Map.of());
        assertThat(refused.status()).as("%s", refused).isEqualTo(405);
        assertThat(refused.headers().firstValue("Allow")).hasValue("GET");
        assertThat(refused.json().path("message").asText())
                .isEqualTo(
                        "This operation is currently not permitted on "
                                + "Glance Tasks. They are auto deleted after reaching the time based on their expires_at property.");

        ImportClient.Answer forbidden = as(member).send("DELETE", "/v2/tasks/" + id, null, null, Map.of());
        assertThat(forbidden.status()).as("%s", forbidden).isEqualTo(403);
        assertThat(forbidden.body()).contains("tasks_api_access");

        for (String method : new String[] {"PUT", "PATCH", "POST"}) {
            ImportClient.Answer other = as(member).send(method, "/v2/tasks/" + id, null, null, Map.of());
            assertThat(other.status()).as("%s %s", method, other).isEqualTo(405);
            assertThat(other.headers().firstValue("Allow")).hasValue("GET, DELETE");
        }
    }

    @Test
    void theBodyIsCheckedAsGlanceChecksIt() {
        assertRefused(Map.of("input", Map.of()), "Task 'type' is required");
        assertRefused(Map.of("type", "import"), "Task 'input' is required");
        assertRefused(
                Map.of("type", "clone", "input", Map.of()),
                "Provided object does not match schema 'task': 'clone' is not one of");
        assertRefused(
                Map.of("type", "import", "input", Map.of(), "colour", "red"),
                "Additional properties are not allowed ('colour' was unexpected)");
        ImportClient.Answer empty = as(admin).send("POST", "/v2/tasks", "application/json", new byte[0], Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("Body expected in request.");
    }

    /**
     * glance/common/scripts/utils.py validate_legacy_import_from_uri, called by TasksController.create: master
     * refuses a URI that fails [import_filtering_opts] with 400 when the task is created; 25.1.0 creates the task.
     */
    @Test
    @Tag("glance-master-differs")
    void theSourceIsCheckedBeforeTheTaskIsCreated() {
        assertRefused(Map.of("type", "import", "input", Map.of()), "Invalid location: None");
        assertRefused(importTask("file:///etc/passwd", Map.of()), "File based imports are not allowed.");
        assertRefused(importTask("ftp://example.com/disk", Map.of()), "The given uri is not valid.");
        assertRefused(
                importTask("http://169.254.169.254/latest/meta-data", Map.of()),
                "URI for legacy import task does not pass filtering: http://169.254.169.254/latest/meta-data");
        assertRefused(
                importTask("http://127.0.0.1:1/disk.raw", Map.of()),
                "URI for legacy import task does not pass filtering");
    }

    private void assertRefused(Object body, String message) {
        ImportClient.Answer refused = as(admin).post("/v2/tasks", body);
        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.json().toString()).contains(message);
    }
}
