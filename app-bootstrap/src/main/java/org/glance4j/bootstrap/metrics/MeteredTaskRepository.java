package org.glance4j.bootstrap.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskQuery;
import org.glance4j.ports.out.TaskRepository;

/**
 * A task repository that watches the tasks this node writes: {@code glance4j_tasks_in_flight} counts the ones
 * it created and has not yet written as ended, {@code glance4j_tasks_completed_total} counts the ended ones by type
 * ({@code api_image_import} for imports) and result ({@code success} or {@code failure}). Only creation starts a
 * task's flight, so a progress update that races with the final one cannot start it again.
 */
final class MeteredTaskRepository implements TaskRepository {
    private final TaskRepository tasks;
    private final MeterRegistry registry;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    MeteredTaskRepository(TaskRepository tasks, MeterRegistry registry) {
        this.tasks = tasks;
        this.registry = registry;
        Gauge.builder("glance4j.tasks.in.flight", running, Set::size)
                .description("Tasks (imports) this node has started and not ended")
                .register(registry);
    }

    @Override
    public void add(Task task) {
        tasks.add(task);
        if (task.status() != null && !task.status().isFinal()) {
            running.add(task.id());
        } else {
            watch(task);
        }
    }

    @Override
    public Optional<Task> find(String id) {
        return tasks.find(id);
    }

    @Override
    public void update(Task task) {
        tasks.update(task);
        watch(task);
    }

    @Override
    public List<Task> list(TaskQuery query) {
        return tasks.list(query);
    }

    @Override
    public List<Task> listForImage(String imageId) {
        return tasks.listForImage(imageId);
    }

    @Override
    public List<Task> listUnfinished(String node) {
        return tasks.listUnfinished(node);
    }

    private void watch(Task task) {
        if (task.status() == null || !task.status().isFinal()) {
            return;
        }
        running.remove(task.id());
        Counter.builder("glance4j.tasks.completed")
                .description("Tasks ended, by type and result")
                .tag("type", String.valueOf(task.type()))
                .tag("result", task.status().wireName())
                .register(registry)
                .increment();
    }
}
