package org.glance4j.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.data.DefaultImageDataService;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.http.fetch.JdkWebSource;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.TusUploadService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.ports.model.TusUpload;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.InMemoryTusUploadRepository;
import org.glance4j.ports.testing.RequiredTool;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.glance4j.ports.testing.task.InMemoryTaskRepository;
import org.glance4j.staging.FileResumablePartFiles;
import org.glance4j.staging.FileStagingArea;
import org.glance4j.staging.QemuImgTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's {@code image_conversion_output_format} with the real {@code qemu-img} and staging directory: a plain
 * upload ({@code PUT /file}) to a store that wants raw is received into staging, checked, converted and stored as
 * raw with the checksums of the stored bytes, the client's own checksums kept as read-only properties; refusals
 * leave nothing behind and the image queued; imports honour the store's format too.
 */
class StoreOutputFormatTest {

    private static final int VIRTUAL = 4 << 20;

    @TempDir
    Path dir;

    private final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    private final InMemoryImageRepository images = new InMemoryImageRepository(members);
    private final InMemoryImageStore ceph = new InMemoryImageStore("ceph");
    private final InMemoryImageStore plain = new InMemoryImageStore("plain");
    private FileStagingArea staging;
    private GlanceCore core;

    @BeforeAll
    static void qemuImg() {
        RequiredTool.program("qemu-img", "qemu-utils");
    }

    @AfterEach
    void close() {
        if (core != null) {
            core.close();
        }
    }

    private GlanceCore core(ImportSettings importSettings, DataSettings data) {
        return core(importSettings, data, Map.of("ceph", "raw"));
    }

    private GlanceCore core(ImportSettings importSettings, DataSettings data, Map<String, String> formats) {
        staging = new FileStagingArea(dir.resolve("staging"));
        core = GlanceCore.builder()
                .images(images)
                .members(members)
                .settings(CoreSettings.defaults())
                .clock(Clock.systemUTC())
                .stores(
                        List.of(ceph, plain),
                        "ceph",
                        Map.of("ceph", StoreInfo.plain("ceph", "rbd"), "plain", StoreInfo.plain("plain", "file")))
                .outputFormats(formats)
                .data(data)
                .importing(
                        new InMemoryTaskRepository(),
                        importSettings.withMultiStore(true),
                        new ImportIo(staging, new JdkWebSource(), new QemuImgTool(staging, "qemu-img")))
                .tus(
                        new InMemoryTusUploadRepository(),
                        new FileResumablePartFiles(dir.resolve("tus")),
                        Duration.ofHours(1))
                .build();
        return core;
    }

    private GlanceCore core() {
        return core(ImportSettings.defaults(), DataSettings.defaults());
    }

    @Test
    void aQcow2UploadToAStoreThatWantsRawIsStoredAsRawWithTheClientsChecksumsKept() throws Exception {
        core();
        byte[] raw = rawDisk();
        byte[] qcow2 = convert(raw, "raw", "qcow2");
        Image image = queued("qcow2");

        Image active = upload(image, qcow2, "ceph");

        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.diskFormat()).isEqualTo("raw");
        assertThat(active.containerFormat()).isEqualTo("bare");
        byte[] stored = read(ceph, active);
        assertThat(stored).isEqualTo(raw);
        assertThat(active.size()).isEqualTo((long) VIRTUAL);
        assertThat(active.virtualSize()).isEqualTo((long) VIRTUAL);
        assertThat(active.checksum()).isEqualTo(hex("MD5", raw));
        assertThat(active.osHashValue()).isEqualTo(hex("SHA-512", raw));
        assertThat(active.properties())
                .containsEntry(DefaultImageDataService.ORIGINAL_DISK_FORMAT, "qcow2")
                .containsEntry(DefaultImageDataService.ORIGINAL_CHECKSUM, hex("MD5", qcow2))
                .containsEntry(DefaultImageDataService.ORIGINAL_HASH_VALUE, hex("SHA-512", qcow2))
                .doesNotContainKey(DefaultImageDataService.UPLOAD_NODE);
        assertThat(staging.has(image.id())).isFalse();
        assertThat(plain.objectCount()).isZero();
    }

    @Test
    void aQcow2SentThroughTusToAStoreThatWantsRawIsStoredAsRawToo() throws Exception {
        core();
        byte[] raw = rawDisk();
        byte[] qcow2 = convert(raw, "raw", "qcow2");
        Image image = queued("qcow2");
        TusUploadService tus = core.tus();
        TusUploadService.Progress created = tus.create(
                CoreFixture.OWNER_MEMBER,
                image.id(),
                new TusUploadService.Creation(
                        qcow2.length, TusUpload.Kind.WHOLE, List.of(), "filename ZGlzaw==", List.of(), "ceph"));
        int half = qcow2.length / 2;

        tus.append(
                CoreFixture.OWNER_MEMBER,
                image.id(),
                created.upload().id(),
                0,
                new ByteArrayInputStream(qcow2, 0, half),
                null);
        TusUploadService.Progress last = tus.append(
                CoreFixture.OWNER_MEMBER,
                image.id(),
                created.upload().id(),
                half,
                new ByteArrayInputStream(qcow2, half, qcow2.length - half),
                null);

        assertThat(last.imageActive()).isTrue();
        Image active = images.find(image.id()).orElseThrow();
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.diskFormat()).isEqualTo("raw");
        assertThat(read(ceph, active)).isEqualTo(raw);
        assertThat(active.checksum()).isEqualTo(hex("MD5", raw));
        assertThat(active.properties())
                .containsEntry(DefaultImageDataService.ORIGINAL_DISK_FORMAT, "qcow2")
                .containsEntry(DefaultImageDataService.ORIGINAL_CHECKSUM, hex("MD5", qcow2));
        assertThat(staging.has(image.id())).isFalse();
        assertThat(Files.list(dir.resolve("tus")).toList()).isEmpty();
    }

    @Test
    void anUploadToAStoreWithoutTheSettingStaysAsSent() throws Exception {
        core();
        byte[] qcow2 = convert(rawDisk(), "raw", "qcow2");
        Image image = queued("qcow2");

        Image active = upload(image, qcow2, "plain");

        assertThat(active.diskFormat()).isEqualTo("qcow2");
        assertThat(read(plain, active)).isEqualTo(qcow2);
        assertThat(active.checksum()).isEqualTo(hex("MD5", qcow2));
        assertThat(active.properties()).doesNotContainKey(DefaultImageDataService.ORIGINAL_CHECKSUM);
    }

    @Test
    void rawDataGoesStraightToTheStoreThatWantsRaw() throws Exception {
        core();
        byte[] raw = rawDisk();
        Image image = queued("raw");

        Image active = upload(image, raw, "ceph");

        assertThat(read(ceph, active)).isEqualTo(raw);
        assertThat(active.properties()).doesNotContainKey(DefaultImageDataService.ORIGINAL_CHECKSUM);
        assertThat(Files.list(dir.resolve("staging")).toList()).isEmpty();
    }

    @Test
    void aQcow2WithABackingFileIsRefusedAsAnyUploadAndNothingIsLeft() throws Exception {
        core();
        Path base = dir.resolve("base.raw");
        Files.write(base, new byte[1 << 20]);
        Path backed = dir.resolve("backed.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "raw", backed.toString());
        Image image = queued("qcow2");

        assertThatThrownBy(() -> upload(image, Files.readAllBytes(backed), "ceph"))
                .isInstanceOfSatisfying(
                        GlanceException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.UNSUPPORTED_MEDIA_TYPE));

        assertNothingLeft(image);
    }

    @Test
    void aDiskFormatTheToolCannotConvertIsRefusedBeforeAnyByteIsKept() throws IOException {
        core();
        Image image = queued("vhd");

        assertThatThrownBy(() -> upload(image, new byte[4096], "ceph"))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID))
                .hasMessageContaining("vhd cannot be converted to it");

        assertNothingLeft(image);
    }

    @Test
    void aStatedChecksumIsCheckedAgainstWhatTheClientSentBeforeConversion() throws Exception {
        core();
        byte[] qcow2 = convert(rawDisk(), "raw", "qcow2");
        Image image = queued("qcow2");
        byte[] wrong = MessageDigest.getInstance("MD5").digest(new byte[] {1});

        assertThatThrownBy(() -> core.imageData()
                        .upload(
                                CoreFixture.OWNER_MEMBER,
                                image.id(),
                                new ByteArrayInputStream(qcow2),
                                qcow2.length,
                                "ceph",
                                List.of(new StatedDigest(
                                        "md5", wrong, "Content-MD5", null, StatedDigest.Encoding.BASE64))))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID));
        assertNothingLeft(image);

        byte[] right = MessageDigest.getInstance("MD5").digest(qcow2);
        Image active = core.imageData()
                .upload(
                        CoreFixture.OWNER_MEMBER,
                        image.id(),
                        new ByteArrayInputStream(qcow2),
                        qcow2.length,
                        "ceph",
                        List.of(new StatedDigest("md5", right, "Content-MD5", null, StatedDigest.Encoding.BASE64)));
        assertThat(active.diskFormat()).isEqualTo("raw");
    }

    @Test
    void aQcow2WhoseRawFormWouldExceedTheSizeCapIsRefusedAsTooLarge() throws Exception {
        core(ImportSettings.defaults(), new DataSettings(2 << 20, "sha512", "local"));
        Path small = dir.resolve("sparse.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", small.toString(), "64M");
        Image image = queued("qcow2");

        assertThatThrownBy(() -> upload(image, Files.readAllBytes(small), "ceph"))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.TOO_LARGE));
        assertNothingLeft(image);
    }

    @Test
    void glanceDirectToAStoreThatWantsRawConvertsWithoutTheConversionPlugin() throws Exception {
        core();
        byte[] raw = rawDisk();
        byte[] qcow2 = convert(raw, "raw", "qcow2");
        Image image = queued("qcow2");
        core.importing().stage(CoreFixture.OWNER_MEMBER, image.id(), new ByteArrayInputStream(qcow2), qcow2.length);

        Task task = awaitTask(core.importing()
                .importImage(
                        CoreFixture.OWNER_MEMBER,
                        image.id(),
                        Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("ceph")),
                        null));

        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        Image active = images.find(image.id()).orElseThrow();
        assertThat(active.diskFormat()).isEqualTo("raw");
        assertThat(read(ceph, active)).isEqualTo(raw);
        assertThat(active.checksum()).isEqualTo(hex("MD5", raw));
    }

    @Test
    void theConversionPluginConvertsToTheStoresFormatRatherThanTheCloudWideOne() throws Exception {
        core(
                ImportSettings.defaults().withPlugins(List.of("image_conversion")),
                DataSettings.defaults(),
                Map.of("ceph", "qcow2"));
        byte[] raw = rawDisk();
        Image image = queued("raw");
        core.importing().stage(CoreFixture.OWNER_MEMBER, image.id(), new ByteArrayInputStream(raw), raw.length);

        Task task = awaitTask(core.importing()
                .importImage(
                        CoreFixture.OWNER_MEMBER,
                        image.id(),
                        Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("ceph")),
                        null));

        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        Image active = images.find(image.id()).orElseThrow();
        assertThat(active.diskFormat())
                .as("[image_conversion] output_format is raw")
                .isEqualTo("qcow2");
        byte[] stored = read(ceph, active);
        assertThat(convert(stored, "qcow2", "raw")).isEqualTo(raw);
    }

    @Test
    void anImportToStoresThatWantDifferentFormatsFailsAndLeavesTheImageQueued() throws Exception {
        core(
                ImportSettings.defaults().withPlugins(List.of("image_conversion")),
                DataSettings.defaults(),
                Map.of("ceph", "raw", "plain", "qcow2"));
        byte[] qcow2 = convert(rawDisk(), "raw", "qcow2");
        Image image = queued("qcow2");
        core.importing().stage(CoreFixture.OWNER_MEMBER, image.id(), new ByteArrayInputStream(qcow2), qcow2.length);

        Task task = awaitTask(core.importing()
                .importImage(
                        CoreFixture.OWNER_MEMBER,
                        image.id(),
                        Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("ceph", "plain")),
                        null));

        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message())
                .contains("different disk formats")
                .contains("ceph=raw")
                .contains("plain=qcow2");
        Image after = images.find(image.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(after.diskFormat()).isEqualTo("qcow2");
        assertThat(ceph.objectCount() + plain.objectCount()).isZero();
        assertThat(staging.has(image.id())).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Image queued(String diskFormat) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "converted");
        body.put("disk_format", diskFormat);
        body.put("container_format", "bare");
        return core.images().create(CoreFixture.OWNER_MEMBER, body);
    }

    private Image upload(Image image, byte[] bytes, String store) {
        return core.imageData()
                .upload(CoreFixture.OWNER_MEMBER, image.id(), new ByteArrayInputStream(bytes), bytes.length, store);
    }

    private void assertNothingLeft(Image image) throws IOException {
        Image after = images.find(image.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(after.size()).isNull();
        assertThat(after.properties()).doesNotContainKey(DefaultImageDataService.ORIGINAL_CHECKSUM);
        assertThat(ceph.objectCount()).isZero();
        assertThat(staging.has(image.id())).isFalse();
        assertThat(Files.list(dir.resolve("staging")).toList()).isEmpty();
    }

    private Task awaitTask(String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Task task = core.tasks().get(CoreFixture.ADMIN, taskId);
            if (task.status() == TaskStatus.SUCCESS || task.status() == TaskStatus.FAILURE) {
                return task;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("task " + taskId + " did not end within 2 minutes");
    }

    private static byte[] read(InMemoryImageStore store, Image image) throws IOException {
        try (InputStream in = store.read(image.locations().get(0).url(), null)) {
            return in.readAllBytes();
        }
    }

    /** A raw disk whose bytes are mostly random, with a zero stretch qemu-img may leave sparse. */
    private static byte[] rawDisk() {
        byte[] raw = new byte[VIRTUAL];
        new Random(20).nextBytes(raw);
        java.util.Arrays.fill(raw, 1 << 20, 2 << 20, (byte) 0);
        return raw;
    }

    private byte[] convert(byte[] bytes, String from, String to) throws Exception {
        Path in = Files.createTempFile(dir, "in", "." + from);
        Path out = dir.resolve(in.getFileName() + "." + to);
        Files.write(in, bytes);
        qemuImg("convert", "-f", from, "-O", to, in.toString(), out.toString());
        byte[] converted = Files.readAllBytes(out);
        Files.delete(in);
        Files.delete(out);
        return converted;
    }

    private static void qemuImg(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("qemu-img"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
