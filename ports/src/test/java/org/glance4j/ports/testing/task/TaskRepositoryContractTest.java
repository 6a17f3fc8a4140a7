package org.glance4j.ports.testing.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskQuery;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.TaskRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TaskRepository} must meet. Extend it and return a fresh, empty repository from
 * {@link #createRepository()} (called before each test).
 */
public abstract class TaskRepositoryContractTest {

    protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    protected TaskRepository repository;

    protected abstract TaskRepository createRepository();

    @BeforeEach
    void setUpRepository() {
        repository = createRepository();
    }

    protected static Task task(String owner, TaskStatus status, Instant created) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("image_id", "img-1");
        input.put("import_req", Map.of("method", Map.of("name", "web-download", "uri", "http://x/y")));
        input.put("backend", List.of("fast", "slow"));
        input.put("flag", true);
        input.put("count", 3L);
        input.put("nothing", null);
        return new Task(
                UUID.randomUUID().toString(),
                Task.API_IMAGE_IMPORT,
                status,
                owner,
                input,
                null,
                "",
                "img-1",
                "req-" + UUID.randomUUID(),
                "user-1",
                "node-a",
                null,
                created,
                created);
    }

    @Test
    void storesAndFindsATaskWithEveryField() {
        Task task = task("p1", TaskStatus.PENDING, T0);
        repository.add(task);
        assertThat(repository.find(task.id())).contains(task);
        assertThat(repository.find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void addingAnIdTwiceIsAConflict() {
        Task task = task("p1", TaskStatus.PENDING, T0);
        repository.add(task);
        assertThatThrownBy(() -> repository.add(task))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT));
    }

    @Test
    void updateReplacesStatusResultMessageAndTimes() {
        Task task = task("p1", TaskStatus.PENDING, T0);
        repository.add(task);
        Task processing = task.withStatus(TaskStatus.PROCESSING, "", T0.plusSeconds(1));
        repository.update(processing);
        assertThat(repository.find(task.id())).contains(processing);
        Task failed = processing.finished(
                TaskStatus.FAILURE,
                Map.of("image_id", "img-1"),
                "it broke: \"why\"",
                T0.plusSeconds(2),
                T0.plus(48, ChronoUnit.HOURS));
        repository.update(failed);
        assertThat(repository.find(task.id())).contains(failed);
    }

    @Test
    void updatingAnUnknownTaskIsNotFound() {
        assertThatThrownBy(() -> repository.update(task("p1", TaskStatus.PENDING, T0)))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
    }

    @Test
    void listFiltersByOwnerStatusAndTypeAndHidesExpiredTasks() {
        Task a = task("p1", TaskStatus.PENDING, T0);
        Task b = task("p2", TaskStatus.SUCCESS, T0.plusSeconds(1));
        Task expired = task("p1", TaskStatus.SUCCESS, T0.plusSeconds(2))
                .finished(TaskStatus.SUCCESS, Map.of(), "", T0.plusSeconds(3), T0.plusSeconds(10));
        repository.add(a);
        repository.add(b);
        repository.add(expired);
        Instant now = T0.plusSeconds(60);
        assertThat(ids(query(null, null, null, now, TaskQuery.SortKey.CREATED_AT, true, null, 10)))
                .containsExactly(a.id(), b.id());
        assertThat(ids(query("p1", null, null, T0, TaskQuery.SortKey.CREATED_AT, true, null, 10)))
                .containsExactly(a.id(), expired.id());
        assertThat(ids(query(null, TaskStatus.SUCCESS, null, now, TaskQuery.SortKey.CREATED_AT, true, null, 10)))
                .containsExactly(b.id());
        assertThat(ids(query(null, null, "import", now, TaskQuery.SortKey.CREATED_AT, true, null, 10)))
                .isEmpty();
    }

    @Test
    void listPagesWithMarkersInBothDirections() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Task t = task("p1", TaskStatus.PENDING, T0.plusSeconds(i));
            repository.add(t);
            created.add(t.id());
        }
        List<Task> first = query(null, null, null, T0, TaskQuery.SortKey.CREATED_AT, false, null, 2);
        assertThat(ids(first)).containsExactly(created.get(4), created.get(3));
        List<Task> second = query(
                null,
                null,
                null,
                T0,
                TaskQuery.SortKey.CREATED_AT,
                false,
                first.get(1).id(),
                2);
        assertThat(ids(second)).containsExactly(created.get(2), created.get(1));
        List<Task> asc = query(null, null, null, T0, TaskQuery.SortKey.CREATED_AT, true, created.get(2), 10);
        assertThat(ids(asc)).containsExactly(created.get(3), created.get(4));
        assertThat(query(null, null, null, T0, TaskQuery.SortKey.CREATED_AT, true, null, 0))
                .isEmpty();
    }

    @Test
    void tasksWithEqualSortValuesPageByIdWithoutLossOrRepeat() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Task t = task("p1", TaskStatus.PENDING, T0);
            repository.add(t);
            created.add(t.id());
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        while (true) {
            List<Task> page = query(null, null, null, T0, TaskQuery.SortKey.CREATED_AT, true, marker, 2);
            if (page.isEmpty()) {
                break;
            }
            seen.addAll(ids(page));
            marker = page.get(page.size() - 1).id();
        }
        assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
    }

    @Test
    void anUnknownMarkerIsNotFound() {
        assertThatThrownBy(() -> query(
                        null,
                        null,
                        null,
                        T0,
                        TaskQuery.SortKey.CREATED_AT,
                        true,
                        UUID.randomUUID().toString(),
                        2))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
    }

    @Test
    void listsTheTasksOfOneImageOldestFirst() {
        Task later = task("p1", TaskStatus.SUCCESS, T0.plusSeconds(5));
        Task earlier = task("p1", TaskStatus.FAILURE, T0);
        Task other = new Task(
                UUID.randomUUID().toString(),
                Task.API_IMAGE_IMPORT,
                TaskStatus.PENDING,
                "p1",
                Map.of(),
                null,
                "",
                "img-2",
                null,
                null,
                null,
                null,
                T0,
                T0);
        repository.add(later);
        repository.add(earlier);
        repository.add(other);
        assertThat(ids(repository.listForImage("img-1"))).containsExactly(earlier.id(), later.id());
        assertThat(ids(repository.listForImage("img-2"))).containsExactly(other.id());
        assertThat(repository.listForImage("img-3")).isEmpty();
    }

    @Test
    void listsTheUnfinishedTasksOfOneNode() {
        Task pending = task("p1", TaskStatus.PENDING, T0);
        Task processing = task("p1", TaskStatus.PROCESSING, T0.plusSeconds(1));
        Task done = task("p1", TaskStatus.SUCCESS, T0.plusSeconds(2));
        Task otherNode = new Task(
                UUID.randomUUID().toString(),
                Task.API_IMAGE_IMPORT,
                TaskStatus.PROCESSING,
                "p1",
                Map.of(),
                null,
                "",
                "img-1",
                null,
                null,
                "node-b",
                null,
                T0,
                T0);
        for (Task t : List.of(pending, processing, done, otherNode)) {
            repository.add(t);
        }
        assertThat(ids(repository.listUnfinished("node-a"))).containsExactly(pending.id(), processing.id());
        assertThat(ids(repository.listUnfinished("node-b"))).containsExactly(otherNode.id());
        assertThat(repository.listUnfinished("node-c")).isEmpty();
    }

    private List<Task> query(
            String owner,
            TaskStatus status,
            String type,
            Instant now,
            TaskQuery.SortKey key,
            boolean asc,
            String marker,
            int limit) {
        return repository.list(new TaskQuery(owner, status, type, now, key, asc, marker, limit));
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }
}
