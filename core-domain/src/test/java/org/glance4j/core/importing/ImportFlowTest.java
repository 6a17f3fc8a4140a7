package org.glance4j.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.testing.RequiredTool;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportFlowTest {

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
        fx = fixture(List.of());
    }

    @AfterEach
    void stop() {
        fx.close();
        source.stop(0);
    }

    private ImportFixture fixture(List<String> plugins) {
        ImportSettings.FilterRules open = new ImportSettings.FilterRules(
                List.of("http"),
                List.of(),
                List.of("127.0.0.1"),
                List.of(),
                List.of(source.getAddress().getPort()),
                List.of());
        return new ImportFixture(staging, List.of(store), "fast", open, plugins, false, DataSettings.defaults());
    }

    private void serve(String path, byte[] body) {
        source.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
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

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void glanceDirectStagesThenImportsToActive() throws Exception {
        byte[] data = randomBytes(70_000);
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        Image staged = fx.stage(image, data);
        assertThat(staged.status()).isEqualTo(ImageStatus.UPLOADING);
        assertThat(staged.size()).isEqualTo(70_000L);
        assertThat(staged.properties())
                .containsEntry(ImportProperties.STAGE_HOST, "local")
                .doesNotContainKey(ImportProperties.STAGING_NODE);
        assertThat(Files.exists(staging.resolve(image.id()))).isTrue();

        String taskId = fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct"));
        Task task = fx.awaitTask(taskId);

        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(task.result()).isEqualTo(Map.of("image_id", image.id()));
        assertThat(task.message()).as("Glance's progress message stays").isEqualTo("Copied 0 MiB");
        assertThat(task.expiresAt()).isAfter(task.updatedAt());
        Image active = fx.stored(image.id());
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.checksum()).isEqualTo(md5(data));
        assertThat(active.osHashAlgo()).isEqualTo("sha512");
        assertThat(active.size()).isEqualTo(70_000L);
        assertThat(active.virtualSize()).isEqualTo(70_000L);
        assertThat(active.properties())
                .containsEntry(ImportProperties.IMPORTING, "")
                .containsEntry(ImportProperties.FAILED, "")
                .doesNotContainKeys(ImportProperties.LOCK, ImportProperties.STAGE_HOST);
        assertThat(active.locations())
                .singleElement()
                .satisfies(l -> assertThat(l.storeId()).isEqualTo("fast"));
        assertThat(store.read(active.locations().get(0).url(), null).readAllBytes())
                .isEqualTo(data);
        assertThat(Files.list(staging)).isEmpty();
        assertThat(fx.core.tasks().listForImage(CoreFixture.OWNER_READER, image.id()))
                .extracting(Task::id)
                .containsExactly(taskId);
    }

    @Test
    void aStatedDigestThatDiffersRemovesTheStagedDataAndQueuesTheImageAgain() throws Exception {
        byte[] data = randomBytes(70_000);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(data);
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        byte[] wrong = sha256.clone();
        wrong[0] ^= 1;
        List<StatedDigest> stated =
                List.of(new StatedDigest("sha256", wrong, "Digest", "SHA-256", StatedDigest.Encoding.BASE64));
        assertThatThrownBy(() -> fx.core
                        .importing()
                        .stage(
                                CoreFixture.OWNER_MEMBER,
                                image.id(),
                                new java.io.ByteArrayInputStream(data),
                                data.length,
                                stated))
                .isInstanceOfSatisfying(GlanceException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID);
                    assertThat(e.getMessage())
                            .contains("Digest states SHA-256="
                                    + java.util.Base64.getEncoder().encodeToString(wrong)
                                    + " but the data received has SHA-256="
                                    + java.util.Base64.getEncoder().encodeToString(sha256));
                });
        assertThat(fx.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(fx.stored(image.id()).properties())
                .doesNotContainKeys(ImportProperties.STAGE_HOST, ImportProperties.STAGING_NODE);
        assertThat(Files.list(staging)).as("nothing staged is kept").isEmpty();

        Image staged = fx.core
                .importing()
                .stage(
                        CoreFixture.OWNER_MEMBER,
                        image.id(),
                        new java.io.ByteArrayInputStream(data),
                        data.length,
                        List.of(new StatedDigest("sha256", sha256, "Digest", "SHA-256", StatedDigest.Encoding.BASE64)));
        assertThat(staged.status()).isEqualTo(ImageStatus.UPLOADING);
        assertThat(Files.readAllBytes(staging.resolve(image.id()))).isEqualTo(data);
    }

    @Test
    void stagingRefusesAnImageThatIsNotQueuedAndTooMuchData() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, randomBytes(10));
        assertThatThrownBy(() -> fx.stage(image, randomBytes(10)))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT));
        assertThat(fx.stored(image.id()).status()).isEqualTo(ImageStatus.UPLOADING);

        fx.close();
        fx = new ImportFixture(
                fx.stagingDir, fx.settings, List.of(store), "fast", new DataSettings(100, "sha512", "local"));
        Image big = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        assertThatThrownBy(() -> fx.core
                        .importing()
                        .stage(CoreFixture.OWNER_MEMBER, big.id(), new ByteArrayInputStream(randomBytes(101)), -1))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.TOO_LARGE));
        assertThat(fx.stored(big.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(Files.exists(staging.resolve(big.id()))).isFalse();
    }

    @Test
    void stagingInspectsTheContentAgainstTheDiskFormat() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "vmdk", "bare");
        assertThatThrownBy(() -> fx.stage(image, qcow2(1 << 20, false)))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID));
        assertThat(fx.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        Image backed = fx.queued(CoreFixture.OWNER_MEMBER, "qcow2", "bare");
        assertThatThrownBy(() -> fx.stage(backed, qcow2(1 << 20, true))).hasMessageContaining("backing");
        assertThat(Files.exists(staging.resolve(backed.id()))).isFalse();
    }

    @Test
    void readersCannotStageOrImportAndOthersDoNotSeeTheImage() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        assertThatThrownBy(() -> fx.core
                        .importing()
                        .stage(CoreFixture.OWNER_READER, image.id(), new ByteArrayInputStream(new byte[1]), 1))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.FORBIDDEN));
        assertThatThrownBy(() -> fx.importImage(CoreFixture.OTHER_MEMBER, image, ImportFixture.webDownload(url("/x"))))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
    }

    @Test
    void importChecksTheBodyAndTheStatus() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        assertThatThrownBy(() -> fx.importImage(CoreFixture.OWNER_MEMBER, image, Map.of()))
                .hasMessage("Import request requires a 'method' field.");
        assertThatThrownBy(() -> fx.importImage(CoreFixture.OWNER_MEMBER, image, Map.of("method", Map.of())))
                .hasMessage("Import request requires a 'name' field.");
        assertThatThrownBy(() -> fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("bogus")))
                .hasMessage("Unknown import method name 'bogus'.");
        assertThatThrownBy(() -> fx.importImage(
                        CoreFixture.OWNER_MEMBER,
                        image,
                        Map.of("method", Map.of("name", "glance-direct"), "all_stores", "yes")))
                .hasMessage("'all_stores' must be boolean value only");
        assertThatThrownBy(() -> fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT))
                .hasMessage("Image needs to be staged before 'glance-direct' method can be used");
        Image noFormats = fx.queued(CoreFixture.OWNER_MEMBER, null, null);
        assertThatThrownBy(
                        () -> fx.importImage(CoreFixture.OWNER_MEMBER, noFormats, ImportFixture.webDownload(url("/x"))))
                .hasMessage("'container_format' needs to be set before import");
        assertThatThrownBy(() -> fx.importImage(
                        CoreFixture.OWNER_MEMBER,
                        image,
                        Map.of(
                                "method",
                                Map.of("name", "web-download", "uri", url("/x")),
                                "all_stores_must_succeed",
                                false)))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID));
    }

    @Test
    void glanceDirectImportOnANodeWithoutTheStagedDataIsRefusedAndTheStagedImageStays() throws Exception {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, randomBytes(1000));
        // as another node sees it when the nodes do not share their staging area: staged elsewhere, nothing here
        Image stagedElsewhere = fx.stored(image.id());
        fx.images.update(stagedElsewhere.toBuilder()
                .property(ImportProperties.STAGE_HOST, "node-a")
                .build());
        Files.delete(staging.resolve(image.id()));
        assertThatThrownBy(() -> fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT))
                .hasMessageContaining("is on glance4j node 'node-a' and not in the staging area of node '"
                        + DataSettings.defaults().nodeId() + "'");
        Image after = fx.stored(image.id());
        assertThat(after.status()).isEqualTo(ImageStatus.UPLOADING);
        assertThat(after.properties())
                .containsEntry(ImportProperties.STAGE_HOST, "node-a")
                .doesNotContainKey(ImportProperties.LOCK);
    }

    @Test
    void webDownloadFetchesFromAnAllowedServer() throws Exception {
        byte[] data = randomBytes(300_000);
        serve("/disk.img", data);
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        String taskId = fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.webDownload(url("/disk.img")));
        assertThat(fx.stored(image.id()).status()).isIn(ImageStatus.IMPORTING, ImageStatus.ACTIVE);
        Task task = fx.awaitTask(taskId);
        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(task.input()).containsEntry("image_id", image.id()).containsEntry("backend", List.of("fast"));
        Image active = fx.stored(image.id());
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.checksum()).isEqualTo(md5(data));
    }

    @Test
    void webDownloadRefusesLoopbackByDefaultAndRedirectsToRefusedHosts() throws Exception {
        fx.close();
        fx = new ImportFixture(
                staging,
                List.of(store),
                "fast",
                ImportSettings.FilterRules.defaults(),
                List.of(),
                false,
                DataSettings.defaults());
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        assertThatThrownBy(() -> fx.importImage(
                        CoreFixture.OWNER_MEMBER, image, ImportFixture.webDownload("http://127.0.0.1/disk.img")))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID))
                .hasMessage("URI for web-download does not pass filtering: http://127.0.0.1/disk.img (the host"
                        + " 127.0.0.1 is an internal address (loopback, private, link-local or the like), which is"
                        + " not fetched)");
        assertThat(fx.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(fx.stored(image.id()).properties()).doesNotContainKey(ImportProperties.LOCK);

        fx.close();
        fx = fixture(List.of());
        source.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders()
                    .add("Location", "http://10.1.2.3:" + source.getAddress().getPort() + "/secret");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        Image redirected = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        Task task = fx.awaitTask(
                fx.importImage(CoreFixture.OWNER_MEMBER, redirected, ImportFixture.webDownload(url("/redirect"))));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message()).startsWith("Redirect to disallowed URL: http://10.1.2.3:");
        Image queued = fx.stored(redirected.id());
        assertThat(queued.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(queued.properties())
                .containsEntry(ImportProperties.FAILED, "fast")
                .containsEntry(ImportProperties.IMPORTING, "")
                .doesNotContainKey(ImportProperties.LOCK);
    }

    @Test
    void webDownloadStopsAtTheSizeCap() {
        serve("/big", randomBytes(5000));
        fx.close();
        ImportSettings.FilterRules open = new ImportSettings.FilterRules(
                List.of("http"),
                List.of(),
                List.of("127.0.0.1"),
                List.of(),
                List.of(source.getAddress().getPort()),
                List.of());
        fx = new ImportFixture(
                staging, List.of(store), "fast", open, List.of(), false, new DataSettings(4096, "sha512", "local"));
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        Task task =
                fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.webDownload(url("/big"))));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message()).contains("too large");
        assertThat(fx.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(store.objectCount()).isZero();
    }

    @Test
    void theLockStopsASecondImportAndIsTakenOverWhenItsTaskIsGone() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, randomBytes(100));
        Image locked = fx.stored(image.id()).toBuilder()
                .property(ImportProperties.LOCK, "a-running-task")
                .build();
        fx.images.update(locked);
        // a live holder: its task is processing
        fx.tasks.add(new Task(
                "a-running-task",
                Task.API_IMAGE_IMPORT,
                TaskStatus.PROCESSING,
                "p",
                Map.of(),
                null,
                "",
                image.id(),
                null,
                null,
                "other-node",
                null,
                java.time.Instant.now(),
                java.time.Instant.now()));
        assertThatThrownBy(() -> fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT))
                .hasMessage("Image has active task");
        // the holder ended without releasing: the lock is taken over
        Task holder = fx.tasks.find("a-running-task").orElseThrow();
        fx.tasks.update(holder.finished(TaskStatus.FAILURE, null, "gone", java.time.Instant.now(), null));
        Task task =
                fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")));
        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(fx.stored(image.id()).properties()).doesNotContainKey(ImportProperties.LOCK);
    }

    @Test
    void aDamagedGzipFailsTheTaskInTheApisWords() throws Exception {
        fx.close();
        fx = new ImportFixture(
                staging,
                ImportSettings.defaults().withPlugins(List.of("image_decompression")),
                List.of(store),
                "fast",
                DataSettings.defaults());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(randomBytes(50_000));
        }
        byte[] cut = java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, cut);
        Task task =
                fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message()).isEqualTo("Image decompression failed: the gzip data is damaged or incomplete.");
    }

    @Test
    void decompressionAndMetadataInjectionRunAsPlugins() throws Exception {
        fx.close();
        fx = new ImportFixture(
                staging,
                ImportSettings.defaults()
                        .withPlugins(List.of("image_decompression", "inject_image_metadata"))
                        .withInjection(Map.of("injected", "yes"), List.of("admin")),
                List.of(store),
                "fast",
                DataSettings.defaults());
        byte[] data = randomBytes(50_000);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(data);
        }
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, gz.toByteArray());
        Task task =
                fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")));
        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        Image active = fx.stored(image.id());
        assertThat(active.size()).isEqualTo(50_000L);
        assertThat(active.checksum()).isEqualTo(md5(data));
        assertThat(active.properties()).containsEntry("injected", "yes");

        Image byAdmin = fx.queued(CoreFixture.ADMIN, "raw", "bare");
        fx.core.importing().stage(CoreFixture.ADMIN, byAdmin.id(), new ByteArrayInputStream(data), data.length);
        fx.awaitTask(fx.importImage(CoreFixture.ADMIN, byAdmin, ImportFixture.method("glance-direct")));
        assertThat(fx.stored(byAdmin.id()).properties()).doesNotContainKey("injected");
    }

    @Test
    void conversionWithQemuImgTurnsQcow2IntoRaw() throws Exception {
        fx.close();
        fx = new ImportFixture(
                staging,
                ImportSettings.defaults().withPlugins(List.of("image_conversion")),
                List.of(store),
                "fast",
                DataSettings.defaults());
        Path qcow = staging.resolve("made-by-qemu.qcow2");
        RequiredTool.program("qemu-img", "qemu-utils");
        Process make = new ProcessBuilder("qemu-img", "create", "-f", "qcow2", qcow.toString(), "4M")
                .redirectErrorStream(true)
                .start();
        make.getInputStream().readAllBytes();
        assertThat(make.waitFor()).isZero();
        byte[] bytes = Files.readAllBytes(qcow);
        Files.delete(qcow);
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "qcow2", "bare");
        fx.stage(image, bytes);
        Task task =
                fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")));
        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        Image active = fx.stored(image.id());
        assertThat(active.diskFormat()).isEqualTo("raw");
        assertThat(active.containerFormat()).isEqualTo("bare");
        assertThat(active.size()).isEqualTo(4L << 20);
        assertThat(active.virtualSize()).isEqualTo(4L << 20);
    }

    @Test
    void aFailedPluginPutsTheImageBackToQueuedAndSaysWhy() {
        fx.close();
        fx = new ImportFixture(
                staging,
                ImportSettings.defaults().withPlugins(List.of("image_conversion")),
                List.of(store),
                "fast",
                DataSettings.defaults());
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "ploop", "bare");
        fx.stage(image, randomBytes(4096));
        Task task =
                fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message()).isNotBlank();
        Image queued = fx.stored(image.id());
        assertThat(queued.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(queued.size()).isNull();
        assertThat(queued.properties())
                .containsEntry(ImportProperties.FAILED, "fast")
                .doesNotContainKey(ImportProperties.LOCK);
        assertThat(store.objectCount()).isZero();
        assertThat(fx.core.tasks().get(CoreFixture.ADMIN, task.id()).message()).isEqualTo(task.message());
    }

    @Test
    void recoveryFailsTheImportsAndStagesAStoppedNodeLeft() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, randomBytes(100));
        Image importing = fx.stored(image.id()).toBuilder()
                .status(ImageStatus.IMPORTING)
                .property(ImportProperties.LOCK, "interrupted")
                .property(ImportProperties.IMPORTING, "fast")
                .build();
        fx.images.update(importing);
        fx.tasks.add(new Task(
                "interrupted",
                Task.API_IMAGE_IMPORT,
                TaskStatus.PROCESSING,
                "p",
                Map.of(),
                null,
                "",
                image.id(),
                null,
                null,
                "local",
                null,
                java.time.Instant.now(),
                java.time.Instant.now()));
        Image staging2 = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.images.update(fx.stored(staging2.id()).toBuilder()
                .status(ImageStatus.UPLOADING)
                .property(ImportProperties.STAGING_NODE, "local")
                .build());

        assertThat(fx.core.recoverInterruptedImports()).isEqualTo(2);

        Image recovered = fx.stored(image.id());
        assertThat(recovered.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(recovered.properties())
                .containsEntry(ImportProperties.FAILED, "fast")
                .doesNotContainKey(ImportProperties.LOCK);
        assertThat(fx.tasks.find("interrupted").orElseThrow().status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(fx.stored(staging2.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(Files.exists(staging.resolve(image.id()))).isFalse();
        assertThat(fx.core.recoverInterruptedImports()).isZero();
    }

    @Test
    void deletingAStagedImageDeletesItsStagedData() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, randomBytes(100));
        fx.core.images().delete(CoreFixture.OWNER_MEMBER, image.id());
        assertThat(Files.exists(staging.resolve(image.id()))).isFalse();
    }

    @Test
    void theTasksApiIsForAdminsAndImageTasksForReaders() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, randomBytes(100));
        String taskId = fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct"));
        fx.awaitTask(taskId);
        assertThatThrownBy(() -> fx.core.tasks().list(CoreFixture.OWNER_MEMBER, Map.of()))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.FORBIDDEN));
        assertThatThrownBy(() -> fx.core.tasks().get(CoreFixture.OWNER_MEMBER, taskId))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.FORBIDDEN));
        assertThat(fx.core.tasks().list(CoreFixture.ADMIN, Map.of()).tasks())
                .extracting(Task::id)
                .contains(taskId);
        assertThat(fx.core.tasks().get(CoreFixture.ADMIN, taskId).owner()).isEqualTo(CoreFixture.OWNER_PROJECT);
        assertThat(fx.core.tasks().listForImage(CoreFixture.OWNER_READER, image.id()))
                .hasSize(1);
        assertThatThrownBy(() -> fx.core.tasks().listForImage(CoreFixture.OTHER_READER, image.id()))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
        assertThatThrownBy(() -> fx.core.tasks().list(CoreFixture.ADMIN, Map.of("sort_dir", List.of("up"))))
                .hasMessage("Invalid sort direction: up");
        assertThatThrownBy(() -> fx.core.tasks().list(CoreFixture.ADMIN, Map.of("limit", List.of("x"))))
                .hasMessage("limit param must be an integer");
        assertThatThrownBy(() -> fx.core.tasks().list(CoreFixture.ADMIN, Map.of("marker", List.of("zz"))))
                .hasMessage("Invalid marker format");
    }

    @Test
    void importsBeyondThePoolSizeWaitPendingForAFreeThread() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch sending = new java.util.concurrent.CountDownLatch(1);
        byte[] data = randomBytes(1000);
        source.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, data.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(data, 0, 10);
                out.flush();
                sending.countDown();
                release.await();
                out.write(data, 10, data.length - 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        serve("/fast", data);
        fx.close();
        ImportSettings.FilterRules open = new ImportSettings.FilterRules(
                List.of("http"),
                List.of(),
                List.of("127.0.0.1"),
                List.of(),
                List.of(source.getAddress().getPort()),
                List.of());
        fx = new ImportFixture(
                staging,
                ImportSettings.defaults().withFilter(open).withTaskPoolThreads(1),
                List.of(store),
                "fast",
                DataSettings.defaults());
        Image first = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        Image second = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        String firstTask = fx.importImage(CoreFixture.OWNER_MEMBER, first, ImportFixture.webDownload(url("/slow")));
        sending.await();
        String secondTask = fx.importImage(CoreFixture.OWNER_MEMBER, second, ImportFixture.webDownload(url("/fast")));
        assertThat(fx.tasks.find(firstTask).orElseThrow().status()).isEqualTo(TaskStatus.PROCESSING);
        assertThat(fx.tasks.find(secondTask).orElseThrow().status())
                .as("waits for the one import thread")
                .isEqualTo(TaskStatus.PENDING);
        assertThat(fx.stored(second.id()).status()).isEqualTo(ImageStatus.IMPORTING);
        release.countDown();
        assertThat(fx.awaitTask(firstTask).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(fx.awaitTask(secondTask).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    /** A minimal qcow2 header (version 3) of the given virtual size, with or without a backing file. */
    static byte[] qcow2(long virtualSize, boolean backing) {
        ByteBuffer b = ByteBuffer.allocate(1024);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb});
        b.putInt(3);
        b.putLong(backing ? 512 : 0);
        b.putInt(backing ? 8 : 0);
        b.putInt(16);
        b.putLong(virtualSize);
        return b.array();
    }
}
