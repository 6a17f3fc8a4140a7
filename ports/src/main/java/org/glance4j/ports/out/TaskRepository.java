package org.glance4j.ports.out;

import java.util.List;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskQuery;

/**
 * Where task records live. Every call is atomic; implementations are thread-safe and apply no policy. Tasks are
 * never deleted by the core: an ended task stops being listed once its {@code expiresAt} has passed.
 *
 * <p>Growth rule: keep it minimal, and add every new method to {@code TaskRepositoryContractTest} in the same
 * change.
 */
public interface TaskRepository {

    /**
     * Stores a new task exactly as given.
     *
     * @throws GlanceException {@code CONFLICT} when a task with this id is already stored
     */
    void add(Task task);

    /**
     * The task with this id, expired or not.
     *
     * @return empty when no task with this id was ever stored
     */
    Optional<Task> find(String id);

    /**
     * Replaces the stored task with this one (same id); every field is written.
     *
     * @throws GlanceException {@code NOT_FOUND} when no task with this id is stored
     */
    void update(Task task);

    /**
     * One page of tasks as {@link TaskQuery} defines it.
     *
     * @return at most {@code query.limit()} tasks in the query's order; never null
     * @throws GlanceException {@code NOT_FOUND} when the marker names no task the query could return
     */
    List<Task> list(TaskQuery query);

    /**
     * Every task of one image, oldest first (then by id), expired ones included.
     *
     * @return an empty list when the image has none
     */
    List<Task> listForImage(String imageId);

    /**
     * The tasks of this node that have not ended (pending or processing), oldest first: after a restart, the
     * ones it left unfinished.
     */
    List<Task> listUnfinished(String node);
}
