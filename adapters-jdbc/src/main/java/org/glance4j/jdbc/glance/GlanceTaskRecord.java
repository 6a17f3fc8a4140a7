package org.glance4j.jdbc.glance;

import java.time.Instant;
import java.util.Objects;
import org.glance4j.ports.model.task.Task;

/**
 * One row of Glance's {@code tasks} table with its {@code task_info}, or why it cannot become a glance4j task.
 *
 * @param id        the task id
 * @param task      the task with its id, type, status, owner, input, result, message, image, request and user ids,
 *                  expiry and times as Glance kept them (no node: Glance has none); null when {@code problem} says
 *                  why it cannot be read
 * @param deletedAt when Glance soft-deleted it (Glance does so once a task has expired), or null
 * @param problem   why the row cannot be copied (a status glance4j does not know, JSON that does not parse), or null
 */
public record GlanceTaskRecord(String id, Task task, Instant deletedAt, String problem) {
    public GlanceTaskRecord {
        Objects.requireNonNull(id, "id");
        if ((task == null) == (problem == null)) {
            throw new IllegalArgumentException("a task record has either a task or a problem");
        }
    }

    /** Whether Glance soft-deleted the task. */
    public boolean deleted() {
        return deletedAt != null;
    }
}
