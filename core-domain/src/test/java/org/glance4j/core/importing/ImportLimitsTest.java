package org.glance4j.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.ProjectLimits;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unified limits Glance's import flow checks once the image is marked as being imported
 * (glance/async_/flows/api_image_import.py, get_flow): over a limit the task fails with the refusal and the image
 * is queued again.
 */
class ImportLimitsTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path staging;

    private final Map<String, Long> limits = new ConcurrentHashMap<>();
    private ImportFixture fx;

    @BeforeEach
    void start() {
        limits.putAll(Map.of(
                "image_count_total",
                10L,
                "image_size_total",
                100L,
                "image_stage_total",
                100L,
                "image_count_uploading",
                10L));
        ProjectLimits keystone = (String projectId, Collection<String> names) -> {
            Map<String, Long> answer = new HashMap<>();
            names.stream().filter(limits::containsKey).forEach(n -> answer.put(n, limits.get(n)));
            return answer;
        };
        ImportSettings.FilterRules open = new ImportSettings.FilterRules(
                List.of("http"), List.of(), List.of("127.0.0.1"), List.of(), List.of(9), List.of());
        fx = new ImportFixture(
                staging,
                ImportSettings.defaults().withFilter(open),
                List.of(new InMemoryImageStore("fast")),
                "fast",
                DataSettings.defaults(),
                keystone);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void glanceDirectFailsItsTaskWhenTheStagedSizeDoesNotFitImageSizeTotal() {
        limits.put("image_size_total", 2L);
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, new byte[3 * MIB]);

        Task task =
                fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")));

        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message())
                .contains("The request returned a 413 Request Entity Too Large")
                .contains("Project " + CoreFixture.OWNER_PROJECT + " is over a limit for [Resource image_size_total "
                        + "is over limit of 2 due to current usage 0 and delta 3]");
        Image after = fx.stored(image.id());
        assertThat(after.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(after.locations()).isEmpty();
        assertThat(after.properties().getOrDefault(ImportProperties.IMPORTING, ""))
                .isEmpty();
        assertThat(after.properties()).doesNotContainKey(ImportProperties.LOCK);
    }

    @Test
    void webDownloadFailsItsTaskBeyondImageCountUploading() {
        limits.put("image_count_uploading", 0L);
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");

        Task task = fx.awaitTask(fx.importImage(
                CoreFixture.OWNER_MEMBER, image, ImportFixture.webDownload("http://127.0.0.1:9/never-fetched")));

        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message())
                .contains(
                        "[Resource image_count_uploading is over limit of 0 due to current " + "usage 1 and delta 0]");
        assertThat(fx.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void anImportIsRefusedAtOnceWhileTheProjectIsOverImageSizeTotal() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.core
                .imageData()
                .upload(CoreFixture.OWNER_MEMBER, image.id(), new java.io.ByteArrayInputStream(new byte[3 * MIB]), -1);
        limits.put("image_size_total", 2L);
        Image other = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");

        CoreFixture.assertFails(
                org.glance4j.ports.error.ErrorCategory.TOO_LARGE,
                "[Resource image_size_total is " + "over limit of 2 due to current usage 3 and delta 0]",
                () -> fx.importImage(
                        CoreFixture.OWNER_MEMBER, other, ImportFixture.webDownload("http://127.0.0.1:9/x")));
        assertThat(fx.stored(other.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void aLimitOfMinusOneIsUnlimited() {
        limits.put("image_size_total", -1L);
        limits.put("image_count_total", -1L);
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, new byte[3 * MIB]);

        Task task =
                fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(fx.stored(image.id()).status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void copyImageFailsItsTaskWhenTheImageDoesNotFitImageStageTotalAndTheImageStaysActive() {
        fx.close();
        ProjectLimits keystone = (String projectId, Collection<String> names) -> {
            Map<String, Long> answer = new HashMap<>();
            names.stream().filter(limits::containsKey).forEach(n -> answer.put(n, limits.get(n)));
            return answer;
        };
        fx = new ImportFixture(
                staging,
                ImportSettings.defaults().withMultiStore(true),
                List.of(new InMemoryImageStore("fast"), new InMemoryImageStore("slow")),
                "fast",
                DataSettings.defaults(),
                keystone);
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.core
                .imageData()
                .upload(
                        CoreFixture.OWNER_MEMBER,
                        image.id(),
                        new java.io.ByteArrayInputStream(new byte[3 * MIB]),
                        3 * MIB);
        limits.put("image_stage_total", 2L);

        Task task = fx.awaitTask(fx.importImage(
                CoreFixture.ADMIN, image, Map.of("method", Map.of("name", "copy-image"), "stores", List.of("slow"))));

        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message()).contains("[Resource image_stage_total is over limit of 2 due to current usage");
        Image after = fx.stored(image.id());
        assertThat(after.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(after.locations()).hasSize(1);
        assertThat(after.properties().getOrDefault(ImportProperties.IMPORTING, ""))
                .isEmpty();
    }
}
