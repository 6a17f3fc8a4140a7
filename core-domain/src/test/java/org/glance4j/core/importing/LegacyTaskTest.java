package org.glance4j.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v2/tasks} in the core: Glance's checks of the body and the legacy {@code import} task. */
class LegacyTaskTest {

    @TempDir
    Path staging;

    private final InMemoryImageStore store = new InMemoryImageStore("fast");
    private HttpServer source;
    private ImportFixture fx;

    @BeforeEach
    void start() throws IOException {
        source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        source.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        source.start();
        ImportSettings.FilterRules open = new ImportSettings.FilterRules(
                List.of("http"),
                List.of(),
                List.of("127.0.0.1"),
                List.of(),
                List.of(source.getAddress().getPort()),
                List.of());
        fx = new ImportFixture(staging, List.of(store), "fast", open, List.of(), false, DataSettings.defaults());
    }

    @AfterEach
    void stop() {
        fx.close();
        source.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + source.getAddress().getPort() + path;
    }

    private void serve(String path, byte[] body) {
        source.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static Map<String, Object> importTask(Object importFrom, Map<String, Object> properties) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("import_from", importFrom);
        input.put("import_from_format", "raw");
        if (properties != null) {
            input.put("image_properties", properties);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "import");
        body.put("input", input);
        return body;
    }

    private Task create(Map<String, Object> body) {
        return fx.core.tasks().create(CoreFixture.ADMIN, body);
    }

    private String refusal(Map<String, Object> body) {
        try {
            create(body);
        } catch (GlanceException e) {
            assertThat(e.category()).as(e.getMessage()).isEqualTo(ErrorCategory.INVALID);
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + body);
    }

    /** The image once its import job has released the import lock (bounded wait). */
    private Image awaitUnlocked(String imageId) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Image image = fx.stored(imageId);
            if (!image.properties().containsKey(ImportProperties.LOCK)) {
                return image;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("image " + imageId + " kept its import lock");
    }

    private Task awaitEnd(String id) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Task task = fx.tasks.find(id).orElseThrow();
            if (task.status().isFinal()) {
                return task;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("task " + id + " did not end");
    }

    @Test
    void anImportTaskCreatesTheImageFromItsPropertiesAndFetchesTheData() throws Exception {
        byte[] data = new byte[90_000];
        new Random(3).nextBytes(data);
        data[0] = 7;
        serve("/disk", data);
        Task task = create(importTask(
                url("/disk"),
                Map.of("name", "legacy", "disk_format", "raw", "container_format", "bare", "os_distro", "cirros")));

        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.type()).isEqualTo("import");
        assertThat(task.owner()).isEqualTo(CoreFixture.ADMIN.projectId());
        assertThat(task.input()).containsEntry("import_from", url("/disk"));
        Task ended = awaitEnd(task.id());

        assertThat(ended.status()).as(ended.message()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(ended.message()).isEmpty();
        assertThat(ended.expiresAt()).isNotNull();
        String imageId = (String) ended.result().get("image_id");
        // as in Glance, the task is marked a success before the job lets go of the image's import lock
        Image image = awaitUnlocked(imageId);
        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.name()).isEqualTo("legacy");
        assertThat(image.properties()).containsEntry("os_distro", "cirros").doesNotContainKey(ImportProperties.LOCK);
        assertThat(image.size()).isEqualTo(90_000L);
        assertThat(image.checksum())
                .isEqualTo(HexFormat.of()
                        .formatHex(
                                java.security.MessageDigest.getInstance("MD5").digest(data)));
    }

    /** The legacy task names its image nowhere but in the image's import lock; a restart must still free it. */
    @Test
    void recoveryFreesTheImageOfALegacyTaskThatAStoppedNodeLeft() {
        Image image = fx.queued(CoreFixture.ADMIN, "raw", "bare");
        fx.images.update(fx.stored(image.id()).toBuilder()
                .status(ImageStatus.IMPORTING)
                .property(ImportProperties.LOCK, "legacy-interrupted")
                .property(ImportProperties.IMPORTING, "fast")
                .build());
        java.time.Instant now = java.time.Instant.now();
        fx.tasks.add(new Task(
                "legacy-interrupted",
                "import",
                TaskStatus.PROCESSING,
                "p",
                Map.of("import_from", url("/disk")),
                null,
                "",
                null,
                null,
                null,
                "local",
                null,
                now,
                now));

        assertThat(fx.core.recoverInterruptedImports()).isEqualTo(1);

        Image recovered = fx.stored(image.id());
        assertThat(recovered.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(recovered.properties())
                .doesNotContainKey(ImportProperties.LOCK)
                .containsEntry(ImportProperties.FAILED, "fast");
        assertThat(fx.tasks.find("legacy-interrupted").orElseThrow().status()).isEqualTo(TaskStatus.FAILURE);
    }

    @Test
    void emptyImagePropertiesGiveQcow2AndBare() {
        byte[] data = new byte[1000];
        data[0] = 7;
        serve("/small", data);
        Task ended = awaitEnd(create(importTask(url("/small"), new HashMap<>())).id());

        // the image was made qcow2/bare, so the format inspection refuses bytes that are no qcow2
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(ended.message()).as(ended.message()).contains("qcow2");
        assertThat(namedImages(null)).isEmpty();
    }

    private List<Image> namedImages(String name) {
        Map<String, String> query = new HashMap<>();
        if (name != null) {
            query.put("name", name);
        }
        return fx.core
                .images()
                .list(CoreFixture.ADMIN, org.glance4j.ports.in.ListParameters.of(query))
                .images();
    }

    @Test
    void aFailedFetchFailsTheTaskAndDeletesTheImageItCreated() {
        Task ended = awaitEnd(create(importTask(
                        url("/missing"), Map.of("name", "doomed", "disk_format", "raw", "container_format", "bare")))
                .id());

        assertThat(ended.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(ended.message()).contains("404");
        assertThat(ended.result()).isNull();
        assertThat(ended.expiresAt()).isNotNull();
        assertThat(namedImages("doomed"))
                .as("the image the task created is deleted again")
                .isEmpty();
    }

    @Test
    void missingInputFieldsFailTheTaskWithGlancesMessage() {
        Map<String, Object> body = importTask(url("/disk"), null);

        Task ended = awaitEnd(create(body).id());

        assertThat(ended.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(ended.message()).isEqualTo("Input does not contain 'image_properties' field");
    }

    @Test
    void internalTaskTypesFailAfterGlancesInputChecks() {
        Task emptyInput = awaitEnd(
                create(Map.of("type", "api_image_import", "input", Map.of())).id());
        Task noImage = awaitEnd(create(Map.of("type", "location_import", "input", Map.of("image_id", "x")))
                .id());

        assertThat(emptyInput.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(emptyInput.message()).isEqualTo("Input to api_image_import task is empty.");
        assertThat(noImage.message()).isEqualTo("Input does not contain 'loc_url' field");
    }

    @Test
    void theBodyIsCheckedAsGlanceChecksIt() {
        assertThat(refusal(Map.of("input", Map.of()))).isEqualTo("Task 'type' is required");
        assertThat(refusal(Map.of("type", "import"))).isEqualTo("Task 'input' is required");
        assertThat(refusal(Map.of("type", "clone", "input", Map.of())))
                .isEqualTo("Provided object does not match "
                        + "schema 'task': 'clone' is not one of ['import', 'api_image_import', 'location_import']");
        assertThat(refusal(Map.of("type", "import", "input", "x")))
                .isEqualTo("Provided object does not match " + "schema 'task': 'x' is not of type 'null', 'object'");
        assertThat(refusal(Map.of("type", "import", "input", Map.of(), "colour", "red")))
                .isEqualTo("Provided "
                        + "object does not match schema 'task': Additional properties are not allowed ('colour' was "
                        + "unexpected)");
        assertThat(refusal(Map.of("type", "import", "input", Map.of(), "status", "done")))
                .contains("'done' is not one of ['pending', 'processing', 'success', 'failure']");
    }

    @Test
    void theImportSourceIsCheckedBeforeTheTaskExists() {
        assertThat(refusal(Map.of("type", "import", "input", Map.of()))).isEqualTo("Invalid location: None");
        assertThat(refusal(importTask("file:///etc/passwd", Map.of())))
                .isEqualTo("File based imports are not " + "allowed. Please use a non-local source of image data.");
        assertThat(refusal(importTask("ftp://example.com/disk", Map.of())))
                .isEqualTo("The given uri is not "
                        + "valid. Please specify a valid uri from the following list of supported uri ['http']");
        assertThat(refusal(importTask("http://127.0.0.1:1/disk", Map.of())))
                .startsWith("URI for legacy import task does not pass filtering: http://127.0.0.1:1/disk (");
        assertThat(fx.core.tasks().list(CoreFixture.ADMIN, Map.of()).tasks()).isEmpty();
    }

    @Test
    void onlyAnAdministratorMayCreateTasks() {
        assertThatThrownBy(() -> fx.core.tasks().create(CoreFixture.OWNER_MEMBER, importTask(url("/d"), Map.of())))
                .isInstanceOfSatisfying(GlanceException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.FORBIDDEN);
                    assertThat(e.getMessage())
                            .isEqualTo("You are not authorized to complete tasks_api_access " + "action.");
                });
        assertThatThrownBy(() -> fx.core.tasks().create(CoreFixture.OWNER_MEMBER, null))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.FORBIDDEN));
    }
}
