package org.glance4j.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.WorkLogContext;
import org.glance4j.ports.out.importing.WebSource;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.importing.InMemoryStagingArea;
import org.glance4j.ports.testing.store.ForwardingImageStore;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.glance4j.ports.testing.task.InMemoryTaskRepository;
import org.junit.jupiter.api.Test;

/**
 * The core names, through the {@link WorkLogContext} it was built with, the request that started an import and its
 * task on the worker thread for as long as the import runs there: what the stores do for the import happens inside
 * that scope, and the thread names nothing once the import has ended.
 */
class ImportLogContextTest {
    /** web-download is on by default; this test never downloads. */
    private static final WebSource NO_WEB = uri -> {
        throw new java.io.IOException("no web in this test: " + uri);
    };

    /** What the worker thread names now, as a logging library's per-thread context would hold it. */
    private static final ThreadLocal<String> NAMED = new ThreadLocal<>();

    private final List<String> namedDuringWrites = new CopyOnWriteArrayList<>();
    private final List<String> namedAfterScopes = new CopyOnWriteArrayList<>();

    private final WorkLogContext recording = (requestId, taskId) -> {
        String before = NAMED.get();
        NAMED.set(requestId + "/" + taskId);
        return () -> {
            NAMED.set(before);
            namedAfterScopes.add(String.valueOf(before));
        };
    };

    private final ForwardingImageStore store = new ForwardingImageStore(new InMemoryImageStore("mem")) {
        @Override
        public StoredObject write(String imageId, InputStream data, long expectedSize) {
            namedDuringWrites.add(String.valueOf(NAMED.get()));
            return super.write(imageId, data, expectedSize);
        }
    };

    @Test
    void anImportRunsInsideTheScopeOfItsRequestAndTask() {
        InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
        InMemoryImageRepository images = new InMemoryImageRepository(members);
        InMemoryTaskRepository tasks = new InMemoryTaskRepository();
        RequestContext owner =
                new RequestContext("req-import-1", "alice", CoreFixture.OWNER_PROJECT, Set.of("member", "reader"));
        try (GlanceCore core = GlanceCore.builder()
                .images(images)
                .members(members)
                .stores(List.of(store), "mem")
                .importing(tasks, ImportSettings.defaults(), new ImportIo(new InMemoryStagingArea(), NO_WEB, null))
                .workLogContext(recording)
                .build()) {
            Image image = core.images()
                    .create(owner, Map.of("name", "logged", "disk_format", "raw", "container_format", "bare"));
            byte[] data = new byte[4096];
            data[0] = 7;
            core.importing().stage(owner, image.id(), new ByteArrayInputStream(data), data.length);
            assertThat(namedDuringWrites).as("staging is no import").isEmpty();

            String taskId = core.importing()
                    .importImage(owner, image.id(), Map.of("method", Map.of("name", "glance-direct")), null);
            Task task = awaitEndedAndScopeClosed(tasks, taskId);

            assertThat(task.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(namedDuringWrites).containsExactly("req-import-1/" + taskId);
            assertThat(namedAfterScopes)
                    .as("the scope closed, restoring that the thread named nothing")
                    .containsExactly("null");
        }
    }

    /** Waits (polling, no assertion on time) until the task has ended and its scope has been closed. */
    private Task awaitEndedAndScopeClosed(InMemoryTaskRepository tasks, String taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Task task = tasks.find(taskId).orElseThrow();
            if (task.status().isFinal() && !namedAfterScopes.isEmpty()) {
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
}
