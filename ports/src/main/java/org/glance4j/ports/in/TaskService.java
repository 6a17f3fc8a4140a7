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
     * Creates a task from the body of {@code POST /v2/tasks} (Glance's deprecated tasks API) and starts it in the
     * background. The body must hold {@code type} (one of {@code import}, {@code api_image_import},
     * {@code location_import}) and {@code input} (a JSON object or null) and nothing outside Glance's task schema.
     * For {@code import}, {@code input.import_from} must be an {@code http(s)} URI that passes the web-download
     * filtering; what else the input lacks, and anything that goes wrong later, makes the task end in
     * {@code failure} with the reason as its message. A successful {@code import} task has created an active image
     * from {@code input.image_properties} with the data of {@code import_from}; its result names the image.
     *
     * @param body the parsed request body as plain JDK values
     * @return the new task, {@code pending}
     * @throws GlanceException {@code FORBIDDEN} by policy ({@code tasks_api_access}, {@code add_task}),
     *                         {@code INVALID} for a body Glance refuses
     */
    Task create(RequestContext context, Map<String, Object> body);

    /**
     * Checks that the caller may use the tasks API at all ({@code tasks_api_access}), as Glance does before it
     * refuses to delete a task (tasks are never deleted by a caller; they expire). Returns normally when allowed.
     *
     * @throws GlanceException {@code FORBIDDEN} by policy
     */
    void checkAccess(RequestContext context);

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
