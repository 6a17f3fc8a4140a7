package org.glance4j.http;

import java.io.IOException;
import java.util.Map;

import org.glance4j.ports.in.TaskService;

/** {@code GET /v2/schemas/task} and {@code GET /v2/schemas/tasks}. */
final class TaskSchemasResource implements Resource {
    static final String ALLOW = "GET";

    private final TaskService tasks;
    private final boolean single;

    TaskSchemasResource(TaskService tasks, boolean single) {
        this.tasks = tasks;
        this.single = single;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!request.method().equals("GET")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        request.rejectBody();
        Map<String, Object> schema = single ? tasks.taskSchema() : tasks.tasksSchema();
        Responses.json(request.exchange(), 200, g -> Json.MAPPER.writeValue(g, schema));
    }
}
