package org.glance4j.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.data.DefaultImageDataService;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.out.importing.DiskImageInfo;
import org.glance4j.ports.out.importing.DiskImageTool;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.importing.InMemoryStagingArea;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.glance4j.ports.testing.task.InMemoryTaskRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the core decides about an upload to a store that wants raw, over in-memory adapters and a scripted disk
 * image tool (no file, no process): the core stages, asks the tool, and stores what the tool left in the staging
 * area; a tool that disagrees about the format refuses the upload and leaves nothing.
 */
class UploadConversionFakesTest {

    private final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    private final InMemoryImageRepository images = new InMemoryImageRepository(members);
    private final InMemoryImageStore store = new InMemoryImageStore("ceph");
    private final InMemoryStagingArea staging = new InMemoryStagingArea();
    private final ScriptedConverter tool = new ScriptedConverter(staging);
    private final GlanceCore core = GlanceCore.builder()
            .images(images)
            .members(members)
            .settings(CoreSettings.defaults())
            .clock(Clock.systemUTC())
            .stores(List.of(store), "ceph")
            .outputFormats(Map.of("ceph", "raw"))
            .importing(
                    new InMemoryTaskRepository(),
                    ImportSettings.defaults().withMethods(List.of("glance-direct")),
                    new ImportIo(staging, null, tool))
            .build();

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void theStoreGetsWhatTheToolLeftAndTheImageItsChecksums() throws Exception {
        byte[] qcow2 = ImportFlowTest.qcow2(1 << 20, false);
        byte[] raw = new byte[1 << 20];
        raw[4096] = 42;
        tool.info = new DiskImageInfo("qcow2", 1L << 20, null, null);
        tool.result = raw;
        Image image = queued();

        Image active = upload(image, qcow2);

        assertThat(tool.calls).containsExactly("info qcow2", "convert qcow2 raw");
        assertThat(active.diskFormat()).isEqualTo("raw");
        assertThat(active.size()).isEqualTo((long) raw.length);
        assertThat(active.checksum()).isEqualTo(md5(raw));
        assertThat(active.properties()).containsEntry(DefaultImageDataService.ORIGINAL_CHECKSUM, md5(qcow2));
        try (InputStream in = store.read(active.locations().get(0).url(), null)) {
            assertThat(in.readAllBytes()).isEqualTo(raw);
        }
        assertThat(staging.has(image.id())).isFalse();
    }

    @Test
    void aToolThatDisagreesAboutTheFormatRefusesTheUploadAndNothingIsLeft() {
        tool.info = new DiskImageInfo("raw", 1L << 20, null, null);
        Image image = queued();

        assertThatThrownBy(() -> upload(image, ImportFlowTest.qcow2(1 << 20, false)))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID))
                .hasMessageContaining("disagrees about format");

        assertThat(tool.calls).containsExactly("info qcow2");
        Image after = images.find(image.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(after.diskFormat()).isEqualTo("qcow2");
        assertThat(store.objectCount()).isZero();
        assertThat(staging.has(image.id())).isFalse();
    }

    @Test
    void aCoreWhereAStoreWantsAFormatNeedsADiskImageTool() {
        assertThatThrownBy(() -> GlanceCore.builder()
                        .images(images)
                        .members(members)
                        .stores(List.of(store), "ceph")
                        .outputFormats(Map.of("ceph", "raw"))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("disk image tool");
    }

    private Image queued() {
        return core.images()
                .create(
                        CoreFixture.OWNER_MEMBER,
                        Map.of("name", "fake", "disk_format", "qcow2", "container_format", "bare"));
    }

    private Image upload(Image image, byte[] bytes) {
        return core.imageData()
                .upload(CoreFixture.OWNER_MEMBER, image.id(), new ByteArrayInputStream(bytes), bytes.length);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    /** Reports {@link #info}; a conversion replaces the staged data with {@link #result}. Records its calls. */
    private static final class ScriptedConverter implements DiskImageTool {
        private final InMemoryStagingArea staging;
        final List<String> calls = new ArrayList<>();
        volatile DiskImageInfo info;
        volatile byte[] result;

        ScriptedConverter(InMemoryStagingArea staging) {
            this.staging = staging;
        }

        @Override
        public DiskImageInfo info(String imageId, String format) {
            calls.add("info " + format);
            return info;
        }

        @Override
        public void convert(String imageId, String sourceFormat, String targetFormat) {
            calls.add("convert " + sourceFormat + " " + targetFormat);
            staging.replace(imageId, new ByteArrayInputStream(result));
        }
    }
}
