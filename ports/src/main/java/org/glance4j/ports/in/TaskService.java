package org.glance4j.ports.in;

import java.util.List;
import java.util.Map;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskPage;

/**
 * The tasks API ({@code GET /v2/tasks}, {@code GET /v2/tasks/{id}}, admin-only by Glance's default
 * {@code tasks_api_access}) and the tasks of one image ({@code GET /v2/images/{id}/tasks}, open to whoever may see
 * the image). A task the caller may not see is {@code NOT_FOUND}.
 */
public interface TaskService {

    /**
     * One page of the tasks the caller may see.
     *
     * @param query the query parameters ({@code limit}, {@code marker}, {@code sort_key}, {@code sort_dir},
     *              {@code status}, {@code type}), each with its values
     * @throws GlanceException {@code FORBIDDEN} by policy, {@code INVALID} for a bad parameter or unknown marker
     */
    TaskPage list(RequestContext context, Map<String, List<String>> query);

    /**
     * One task.
     *
     * @throws GlanceException {@code FORBIDDEN} by policy, {@code NOT_FOUND}
     */
    Task get(RequestContext context, String taskId);

    /**
     * The tasks of one image, oldest first.
     *
     * @throws GlanceException {@code NOT_FOUND} when the image does not exist or the caller may not see it
     */
    List<Task> listForImage(RequestContext context, String imageId);

    /** The JSON schema of one task ({@code /v2/schemas/task}). */
    Map<String, Object> taskSchema();

    /** The JSON schema of a task list ({@code /v2/schemas/tasks}). */
    Map<String, Object> tasksSchema();
}
