package org.glance4j.core.importing;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.http.fetch.JdkWebSource;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.task.InMemoryTaskRepository;
import org.glance4j.staging.FileStagingArea;
import org.glance4j.staging.QemuImgTool;

/**
 * A core with import over the in-memory fakes, the given stores, and the real import adapters: a staging directory
 * ({@link FileStagingArea}), the JDK web source and the real {@code qemu-img}.
 */
final class ImportFixture implements AutoCloseable {

    final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    final InMemoryImageRepository images = new InMemoryImageRepository(members);
    final InMemoryTaskRepository tasks = new InMemoryTaskRepository();
    final Path stagingDir;
    final ImportSettings settings;
    final GlanceCore core;

    ImportFixture(
            Path staging,
            List<ImageStore> stores,
            String defaultStore,
            ImportSettings.FilterRules filter,
            List<String> plugins,
            boolean multiStore,
            DataSettings data) {
        this(
                staging,
                ImportSettings.defaults()
                        .withFilter(filter)
                        .withPlugins(plugins)
                        .withMultiStore(multiStore),
                stores,
                defaultStore,
                data);
    }

    ImportFixture(
            Path staging, ImportSettings settings, List<ImageStore> stores, String defaultStore, DataSettings data) {
        this(staging, settings, stores, defaultStore, data, null);
    }

    /** With unified limits read from {@code limits} (none when null). */
    ImportFixture(
            Path staging,
            ImportSettings settings,
            List<ImageStore> stores,
            String defaultStore,
            DataSettings data,
            org.glance4j.ports.out.ProjectLimits limits) {
        this(staging, settings, realAdapters(staging), stores, defaultStore, data, limits);
    }

    /** Over the given import ports (fakes, say) instead of the real adapters. */
    ImportFixture(ImportSettings settings, ImportIo io, List<ImageStore> stores, String defaultStore) {
        this(null, settings, io, stores, defaultStore, DataSettings.defaults(), null);
    }

    private static ImportIo realAdapters(Path staging) {
        FileStagingArea stagingArea = new FileStagingArea(staging);
        return new ImportIo(stagingArea, new JdkWebSource(), new QemuImgTool(stagingArea, "qemu-img"));
    }

    private ImportFixture(
            Path staging,
            ImportSettings settings,
            ImportIo io,
            List<ImageStore> stores,
            String defaultStore,
            DataSettings data,
            org.glance4j.ports.out.ProjectLimits limits) {
        this.stagingDir = staging;
        this.settings = settings;
        GlanceCore.Builder builder = GlanceCore.builder()
                .images(images)
                .members(members)
                .settings(CoreSettings.defaults())
                .clock(Clock.systemUTC())
                .stores(stores, defaultStore)
                .data(data)
                .importing(tasks, settings, io);
        if (limits != null) {
            builder.limits(limits);
        }
        this.core = builder.build();
    }

    Image queued(RequestContext who, String diskFormat, String containerFormat) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "import-test");
        if (diskFormat != null) {
            body.put("disk_format", diskFormat);
        }
        if (containerFormat != null) {
            body.put("container_format", containerFormat);
        }
        return core.images().create(who, body);
    }

    Image stage(Image image, byte[] bytes) {
        return core.importing()
                .stage(CoreFixture.OWNER_MEMBER, image.id(), new ByteArrayInputStream(bytes), bytes.length);
    }

    String importImage(RequestContext who, Image image, Map<String, Object> body) {
        return core.importing().importImage(who, image.id(), body, null);
    }

    static Map<String, Object> method(String name) {
        return Map.of("method", Map.of("name", name));
    }

    static Map<String, Object> webDownload(String uri) {
        return Map.of("method", Map.of("name", "web-download", "uri", uri));
    }

    Image stored(String id) {
        return images.find(id).orElseThrow();
    }

    /** Waits (polling, no assertion on time) until the task has ended and released its lock; returns it. */
    Task awaitTask(String taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Task task = tasks.find(taskId).orElseThrow();
            boolean released = task.imageId() == null
                    || images.find(task.imageId())
                            .map(i -> !taskId.equals(i.properties().get(ImportProperties.LOCK)))
                            .orElse(true);
            if (task.status().isFinal() && released) {
                return task;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("task " + taskId + " did not end");
    }

    @Override
    public void close() {
        core.close();
    }
}
