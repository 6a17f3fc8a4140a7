package org.glance4j.core.task;

import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.task.Task;

/**
 * Starts the work of a task made with {@code POST /v2/tasks}, off the request thread. The task is stored and
 * {@code pending} when it is handed over; the launcher moves it on and records how it ended.
 */
public interface TaskLauncher {

    /** Checks {@code import_from} of an {@code import} task before it is stored (see {@link LegacyImportSource}). */
    String checkImportSource(Object importFrom);

    /** The server node that runs the tasks (the {@code node} of a new task). */
    String node();

    /** Runs the task in the background with the caller's context. */
    void launch(RequestContext context, Task task);
}
