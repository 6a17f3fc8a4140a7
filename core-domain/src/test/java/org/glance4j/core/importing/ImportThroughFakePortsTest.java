package org.glance4j.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.importing.DiskImageInfo;
import org.glance4j.ports.out.importing.DiskImageTool;
import org.glance4j.ports.out.importing.DiskImageToolException;
import org.glance4j.ports.out.importing.WebSource;
import org.glance4j.ports.testing.importing.InMemoryStagingArea;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.glance4j.ports.testing.task.InMemoryTaskRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The import rules with fake outbound ports and no file, process or network: what the core decides from what a web
 * source answers and a disk image tool reports (redirect filtering, sizes, the qemu-img checks and messages).
 */
class ImportThroughFakePortsTest {

    private static final String PUBLIC = "http://203.0.113.5/disk.img";

    private final InMemoryStagingArea staging = new InMemoryStagingArea();
    private final ScriptedWebSource web = new ScriptedWebSource();
    private final ScriptedTool tool = new ScriptedTool();
    private final InMemoryImageStore store = new InMemoryImageStore("fast");
    private ImportFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private ImportFixture fixture(ImportSettings settings) {
        fx = new ImportFixture(settings, new ImportIo(staging, web, tool), List.of(store), "fast");
        return fx;
    }

    @Test
    void webDownloadFollowsARedirectTheFilterAllowsAndStagesNothingLeftOver() {
        fixture(ImportSettings.defaults());
        web.answer(
                PUBLIC,
                new WebSource.Response(
                        301,
                        Optional.of("/moved/disk.img"),
                        OptionalLong.empty(),
                        new ByteArrayInputStream(new byte[0])));
        web.answer(
                "http://203.0.113.5/moved/disk.img",
                new WebSource.Response(
                        200, Optional.empty(), OptionalLong.of(5), new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5
                        })));
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");

        Task task = fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.webDownload(PUBLIC)));

        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(web.asked).containsExactly(PUBLIC, "http://203.0.113.5/moved/disk.img");
        assertThat(fx.stored(image.id()).size()).isEqualTo(5L);
        assertThat(staging.has(image.id())).isFalse();
    }

    @Test
    void aRedirectToAnInternalAddressIsRefusedBeforeItIsAsked() {
        fixture(ImportSettings.defaults());
        web.answer(
                PUBLIC,
                new WebSource.Response(
                        302,
                        Optional.of("http://10.0.0.7/secret"),
                        OptionalLong.empty(),
                        new ByteArrayInputStream(new byte[0])));
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");

        Task task = fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.webDownload(PUBLIC)));

        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message()).startsWith("Redirect to disallowed URL: http://10.0.0.7/secret (");
        assertThat(web.asked).containsExactly(PUBLIC);
        assertThat(fx.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void aBodyShorterThanItsContentLengthFailsAndIsNotKept() {
        fixture(ImportSettings.defaults());
        web.answer(
                PUBLIC,
                new WebSource.Response(
                        200, Optional.empty(), OptionalLong.of(10), new ByteArrayInputStream(new byte[4])));
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");

        Task task = fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.webDownload(PUBLIC)));

        assertThat(task.message()).isEqualTo("Downloaded data size 4 is different from expected 10");
        assertThat(staging.has(image.id())).isFalse();
    }

    @Test
    void whatTheToolReportsDecidesTheConversionInTheCoresWords() {
        ImportSettings conversion = ImportSettings.defaults().withPlugins(List.of("image_conversion"));
        tool.info = new DiskImageInfo("raw", 4096L, "/etc/base.img", null);
        assertThat(convertFails(conversion)).isEqualTo("QCOW images with backing files are not allowed");

        tool.info = new DiskImageInfo("raw", 4096L, null, "/dev/sda");
        assertThat(convertFails(conversion)).isEqualTo("QCOW images with data-file set are not allowed");

        tool.info = new DiskImageInfo("qcow2", 4096L, null, null);
        assertThat(convertFails(conversion))
                .isEqualTo("Image metadata disagrees about format: qemu-img reports qcow2 for an image declared raw");

        tool.failure = new DiskImageToolException("info", DiskImageToolException.Failure.CANNOT_RUN, "qemu-img", null);
        assertThat(convertFails(conversion)).isEqualTo("Image conversion failed: cannot run qemu-img.");

        tool.failure = new DiskImageToolException("info", DiskImageToolException.Failure.FAILED, "bad header", null);
        assertThat(convertFails(conversion)).isEqualTo("Image conversion failed: qemu-img info: bad header");
    }

    private String convertFails(ImportSettings settings) {
        if (fx != null) {
            fx.close();
        }
        fixture(settings.withMethods(List.of("glance-direct")));
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, new byte[4096]);
        Task task =
                fx.awaitTask(fx.importImage(CoreFixture.OWNER_MEMBER, image, ImportFixture.method("glance-direct")));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(staging.has(image.id())).isFalse();
        assertThat(tool.converted).isEmpty();
        tool.failure = null;
        return task.message();
    }

    @Test
    void aCoreWithoutThePortsItsSettingsNeedIsRefusedAtBuild() {
        GlanceCore.Builder webDownload = GlanceCore.builder()
                .images(new org.glance4j.ports.testing.InMemoryImageRepository(
                        new org.glance4j.ports.testing.InMemoryImageMemberRepository()))
                .members(new org.glance4j.ports.testing.InMemoryImageMemberRepository())
                .stores(List.of(store), "fast")
                .importing(new InMemoryTaskRepository(), ImportSettings.defaults(), new ImportIo(staging, null, tool));
        assertThatThrownBy(webDownload::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("web-download");

        GlanceCore.Builder conversion = GlanceCore.builder()
                .images(new org.glance4j.ports.testing.InMemoryImageRepository(
                        new org.glance4j.ports.testing.InMemoryImageMemberRepository()))
                .members(new org.glance4j.ports.testing.InMemoryImageMemberRepository())
                .stores(List.of(store), "fast")
                .importing(
                        new InMemoryTaskRepository(),
                        ImportSettings.defaults()
                                .withMethods(List.of("glance-direct"))
                                .withPlugins(List.of("image_conversion")),
                        new ImportIo(staging, null, null));
        assertThatThrownBy(conversion::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("image_conversion");
    }

    /** Answers each URI from a script; an unscripted URI is an I/O failure. Remembers what it was asked. */
    private static final class ScriptedWebSource implements WebSource {
        private final Map<String, Response> answers = new ConcurrentHashMap<>();
        final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());

        void answer(String uri, Response response) {
            answers.put(uri, response);
        }

        @Override
        public Response get(URI uri) throws IOException {
            asked.add(uri.toString());
            Response response = answers.get(uri.toString());
            if (response == null) {
                throw new IOException("nothing scripted for " + uri);
            }
            return response;
        }
    }

    /** Reports {@link #info} or throws {@link #failure}; records conversions. */
    private static final class ScriptedTool implements DiskImageTool {
        volatile DiskImageInfo info;
        volatile DiskImageToolException failure;
        final List<String> converted = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public DiskImageInfo info(String imageId, String format) {
            if (failure != null) {
                throw failure;
            }
            return info;
        }

        @Override
        public void convert(String imageId, String sourceFormat, String targetFormat) {
            converted.add(imageId);
        }
    }
}
