package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImportService;
import org.glance4j.ports.in.TaskService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskPage;
import org.glance4j.ports.model.task.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The import and task routes over hand-written fakes: statuses, headers and the JSON shapes. */
class ImportHttpTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final String TASK_ID = "99999999-2222-3333-4444-555555555555";
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Task TASK = new Task(
            TASK_ID,
            Task.API_IMAGE_IMPORT,
            TaskStatus.SUCCESS,
            "proj",
            Map.of("image_id", ID),
            Map.of("image_id", ID),
            "",
            ID,
            "req-1",
            "user-1",
            "node",
            CREATED.plusSeconds(9),
            CREATED,
            CREATED.plusSeconds(1));

    /** Records the calls of the import use cases. */
    static final class FakeImport implements ImportService {
        final List<String> calls = new ArrayList<>();
        List<String> methods = List.of("glance-direct", "web-download");
        byte[] staged;

        @Override
        public List<String> enabledMethods() {
            return methods;
        }

        @Override
        public Image stage(RequestContext context, String imageId, InputStream data, long declaredSize) {
            try {
                staged = data.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            calls.add("stage " + imageId + " " + declaredSize);
            return null;
        }

        @Override
        public Image stage(
                RequestContext context,
                String imageId,
                InputStream data,
                long declaredSize,
                List<org.glance4j.ports.model.StatedDigest> stated) {
            calls.add("stated " + stated);
            return stage(context, imageId, data, declaredSize);
        }

        @Override
        public String importImage(
                RequestContext context, String imageId, Map<String, Object> body, String storeHeader) {
            calls.add("import " + imageId + " " + body + " " + storeHeader);
            return TASK_ID;
        }

        @Override
        public Map<String, Object> importInfo(RequestContext context) {
            return Map.of("import-methods", Map.of("value", methods));
        }
    }

    /** Answers with one task. */
    static final class FakeTasks implements TaskService {
        @Override
        public TaskPage list(RequestContext context, Map<String, List<String>> query) {
            return new TaskPage(List.of(TASK), TASK_ID);
        }

        @Override
        public Task create(RequestContext context, Map<String, Object> body) {
            return TASK;
        }

        @Override
        public void checkAccess(RequestContext context) {
            // every caller of this fake may use the tasks API
        }

        @Override
        public Task get(RequestContext context, String taskId) {
            if (!taskId.equals(TASK_ID)) {
                throw GlanceException.notFound("Task with the given id " + taskId + " was not found");
            }
            return TASK;
        }

        @Override
        public List<Task> listForImage(RequestContext context, String imageId) {
            return List.of(TASK);
        }

        @Override
        public Map<String, Object> taskSchema() {
            return Map.of("name", "task");
        }

        @Override
        public Map<String, Object> tasksSchema() {
            return Map.of("name", "tasks");
        }
    }

    private static final FakeImport IMPORT = new FakeImport();
    private static GlanceHttpServer server;
    private static ServerFixture without;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, AuthMode.NOAUTH, "proj", "user", 1, 4);
        server = new GlanceHttpServer(
                settings,
                new ApiServices(
                                new FakeImageService(),
                                new FakeTagService(),
                                new FakeSchemaService(),
                                new FakeImageDataService(),
                                new FakeActionService(),
                                new FakeMemberService())
                        .withImport(IMPORT, new FakeTasks()));
        server.start();
        without = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        server.close();
        without.close();
    }

    private HttpResponse<String> send(String method, String path, String type, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        b.header("Accept", "application/json");
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stageStreamsOctetStreamsAndRefusesOtherTypes() {
        HttpResponse<String> staged =
                send("PUT", "/v2/images/" + ID + "/stage", "application/octet-stream", new byte[] {1, 2, 3});
        assertThat(staged.statusCode()).isEqualTo(204);
        assertThat(IMPORT.staged).containsExactly(1, 2, 3);
        assertThat(IMPORT.calls).contains("stage " + ID + " 3");
        assertThat(send("PUT", "/v2/images/" + ID + "/stage", "text/plain", new byte[] {1})
                        .statusCode())
                .isEqualTo(415);
        assertThat(send("GET", "/v2/images/" + ID + "/stage", null, null).statusCode())
                .isEqualTo(405);
    }

    @Test
    void stageHandsTheStatedDigestsToTheCoreAndRefusesAnUnreadableOne() {
        byte[] body = {1, 2, 3};
        String sha256;
        try {
            sha256 = java.util.Base64.getEncoder()
                    .encodeToString(
                            java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        IMPORT.calls.clear();
        HttpResponse<String> staged = send(
                "PUT",
                "/v2/images/" + ID + "/stage",
                "application/octet-stream",
                body,
                "Repr-Digest",
                "sha-256=:" + sha256 + ":");
        assertThat(staged.statusCode()).isEqualTo(204);
        assertThat(IMPORT.calls)
                .containsExactly("stated [Repr-Digest: sha-256=:" + sha256 + ":]", "stage " + ID + " 3");
        IMPORT.calls.clear();
        HttpResponse<String> bad =
                send("PUT", "/v2/images/" + ID + "/stage", "application/octet-stream", body, "Digest", "sha-256=AAAA");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Invalid Digest header");
        assertThat(IMPORT.calls).isEmpty();
    }

    @Test
    void stageIs404BeforeAnythingElseWithoutGlanceDirect() {
        IMPORT.methods = List.of("web-download");
        try {
            HttpResponse<String> r = send("PUT", "/v2/images/" + ID + "/stage", "text/plain", new byte[] {1});
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("'glance-direct' method is not available at this site.");
        } finally {
            IMPORT.methods = List.of("glance-direct", "web-download");
        }
    }

    @Test
    void importIs202WithoutBodyAndPassesTheStoreHeader() {
        HttpResponse<String> r = send(
                "POST",
                "/v2/images/" + ID + "/import",
                "application/json",
                "{\"method\": {\"name\": \"glance-direct\"}}".getBytes(),
                "X-Image-Meta-Store",
                "fast");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEmpty();
        assertThat(IMPORT.calls).contains("import " + ID + " {method={name=glance-direct}} fast");
        assertThat(send("POST", "/v2/images/" + ID + "/import", "application/json", "nope".getBytes())
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void createNamesTheImportMethodsAndInfoListsThem() {
        HttpResponse<String> created = send("POST", "/v2/images", "application/json", "{}".getBytes());
        assertThat(created.headers().firstValue("OpenStack-image-import-methods"))
                .hasValue("glance-direct,web-download");
        HttpResponse<String> info = send("GET", "/v2/info/import", null, null);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(info)
                        .get("import-methods")
                        .get("value")
                        .get(0)
                        .asText())
                .isEqualTo("glance-direct");
    }

    @Test
    void tasksAreShownAsGlanceShowsThem() {
        JsonNode list = ServerFixture.json(send("GET", "/v2/tasks?limit=1", null, null));
        assertThat(list.get("first").asText()).isEqualTo("/v2/tasks?limit=1");
        assertThat(list.get("next").asText()).isEqualTo("/v2/tasks?limit=1&marker=" + TASK_ID);
        assertThat(list.get("schema").asText()).isEqualTo("/v2/schemas/tasks");
        JsonNode stub = list.get("tasks").get(0);
        assertThat(stub.has("input")).isFalse();
        assertThat(stub.get("created_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(stub.get("self").asText()).isEqualTo("/v2/tasks/" + TASK_ID);

        JsonNode full = ServerFixture.json(send("GET", "/v2/tasks/" + TASK_ID, null, null));
        assertThat(full.get("input").get("image_id").asText()).isEqualTo(ID);
        assertThat(full.get("result").get("image_id").asText()).isEqualTo(ID);
        assertThat(full.get("message").asText()).isEmpty();
        assertThat(full.get("expires_at").asText()).isEqualTo("2026-01-02T03:04:14Z");
        assertThat(full.get("schema").asText()).isEqualTo("/v2/schemas/task");
        assertThat(full.has("node")).isFalse();
        assertThat(send("GET", "/v2/tasks/" + ID, null, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/v2/tasks/" + TASK_ID, null, null).statusCode())
                .isEqualTo(405);

        JsonNode row = ServerFixture.json(send("GET", "/v2/images/" + ID + "/tasks", null, null))
                .get("tasks")
                .get(0);
        assertThat(row.get("created_at").asText()).isEqualTo("2026-01-02T03:04:05.123456");
        assertThat(row.get("updated_at").asText()).isEqualTo("2026-01-02T03:04:06.123456");
        assertThat(row.get("deleted").asBoolean()).isFalse();
        assertThat(row.get("deleted_at").isNull()).isTrue();
        assertThat(ServerFixture.json(send("GET", "/v2/schemas/task", null, null))
                        .get("name")
                        .asText())
                .isEqualTo("task");
        assertThat(ServerFixture.json(send("GET", "/v2/schemas/tasks", null, null))
                        .get("name")
                        .asText())
                .isEqualTo("tasks");
    }

    @Test
    void withoutImportServicesThePathsAre404AndCreateHasNoHeader() {
        assertThat(without.get("/v2/info/import").statusCode()).isEqualTo(404);
        assertThat(without.get("/v2/tasks").statusCode()).isEqualTo(404);
        assertThat(without.get("/v2/images/" + ID + "/tasks").statusCode()).isEqualTo(404);
        assertThat(without.send("PUT", "/v2/images/" + ID + "/stage", "x").statusCode())
                .isEqualTo(404);
    }

    @Test
    void imageTaskRowTimesAlwaysCarrySixDigitsOfMicroseconds() {
        // Glance 25.1.0 on MariaDB (whole seconds): "2026-12-06T23:40:31.000000" (oslo's PERFECT_TIME_FORMAT)
        assertThat(TaskJson.glanceRowTime(Instant.parse("2026-01-02T03:04:05Z")))
                .isEqualTo("2026-01-02T03:04:05.000000");
        assertThat(TaskJson.glanceRowTime(Instant.parse("2026-01-02T03:04:05.000001Z")))
                .isEqualTo("2026-01-02T03:04:05.000001");
        assertThat(TaskJson.glanceRowTime(null)).isNull();
    }
}
