package org.glance4j.http;

import java.io.IOException;
import java.util.List;
import org.glance4j.ports.in.TaskService;
import org.glance4j.ports.model.task.Task;

/** {@code GET /v2/images/{id}/tasks}: the tasks of one image, for whoever may see the image. */
final class ImageTasksResource implements Resource {
    static final String ALLOW = "GET";

    private final TaskService tasks;

    ImageTasksResource(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        Resource.requireGet(request, ALLOW);
        List<Task> list = tasks.listForImage(request.context(), request.segment(1));
        Responses.json(request.exchange(), 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("tasks");
            for (Task task : list) {
                TaskJson.writeRow(g, task);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
