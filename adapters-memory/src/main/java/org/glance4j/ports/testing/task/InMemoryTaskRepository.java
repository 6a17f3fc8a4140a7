package org.glance4j.ports.testing.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskQuery;
import org.glance4j.ports.out.TaskRepository;

/**
 * A {@link TaskRepository} in memory, for tests and embedders (module {@code glance4j-adapters-memory}): the promises
 * of the port as the contract kit {@code TaskRepositoryContractTest} checks them; tasks are forgotten when it is
 * dropped. Thread-safe: every method holds the lock of the instance.
 */
public final class InMemoryTaskRepository implements TaskRepository {

    private final Map<String, Task> tasks = new LinkedHashMap<>();

    @Override
    public synchronized void add(Task task) {
        if (tasks.containsKey(task.id())) {
            throw GlanceException.conflict("Task with identifier " + task.id() + " already exists");
        }
        tasks.put(task.id(), task);
    }

    @Override
    public synchronized Optional<Task> find(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public synchronized void update(Task task) {
        if (!tasks.containsKey(task.id())) {
            throw GlanceException.notFound("Task with identifier " + task.id() + " not found");
        }
        tasks.put(task.id(), task);
    }

    @Override
    public synchronized List<Task> list(TaskQuery query) {
        Comparator<Task> order = comparator(query.sortKey());
        if (!query.ascending()) {
            order = order.reversed();
        }
        List<Task> matching = tasks.values().stream()
                .filter(t -> query.owner() == null || query.owner().equals(t.owner()))
                .filter(t -> query.status() == null || query.status() == t.status())
                .filter(t -> query.type() == null || query.type().equals(t.type()))
                .filter(t -> t.expiresAt() == null || !t.expiresAt().isBefore(query.now()))
                .sorted(order)
                .toList();
        int start = 0;
        if (query.marker() != null) {
            Task marker = matching.stream()
                    .filter(t -> t.id().equals(query.marker()))
                    .findFirst()
                    .orElseThrow(
                            () -> GlanceException.notFound("Task with identifier " + query.marker() + " not found"));
            start = matching.indexOf(marker) + 1;
        }
        return new ArrayList<>(matching.subList(start, Math.min(matching.size(), start + query.limit())));
    }

    @Override
    public synchronized List<Task> listForImage(String imageId) {
        return tasks.values().stream()
                .filter(t -> Objects.equals(imageId, t.imageId()))
                .sorted(comparator(TaskQuery.SortKey.CREATED_AT))
                .toList();
    }

    @Override
    public synchronized List<Task> listUnfinished(String node) {
        return tasks.values().stream()
                .filter(t -> node.equals(t.node()) && !t.status().isFinal())
                .sorted(comparator(TaskQuery.SortKey.CREATED_AT))
                .toList();
    }

    private static Comparator<Task> comparator(TaskQuery.SortKey key) {
        Comparator<Task> first = switch (key) {
            case CREATED_AT -> Comparator.comparing(Task::createdAt);
            case UPDATED_AT -> Comparator.comparing(Task::updatedAt);
            case ID -> Comparator.comparing(Task::id);
            case STATUS -> Comparator.comparing((Task t) -> t.status().wireName());
            case TYPE -> Comparator.comparing(Task::type);
        };
        return first.thenComparing(Task::id);
    }
}
