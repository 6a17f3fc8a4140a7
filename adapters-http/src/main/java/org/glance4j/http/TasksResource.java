package org.glance4j.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.glance4j.ports.in.TaskService;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskPage;

/**
 * {@code GET /v2/tasks} (one page of stubs with {@code first}, {@code schema} and, when the page is full,
 * {@code next}) and {@code GET /v2/tasks/{id}} (the full task). Tasks are made by imports, not by this resource:
 * other methods are 405.
 */
final class TasksResource implements Resource {
    static final String ALLOW = "GET";
    private static final String COLLECTION = "/v2/tasks";

    private final TaskService tasks;
    private final boolean single;

    TasksResource(TaskService tasks, boolean single) {
        this.tasks = tasks;
        this.single = single;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!request.method().equals("GET")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        request.rejectBody();
        if (single) {
            Task task = tasks.get(request.context(), request.segment(1));
            Responses.json(request.exchange(), 200, g -> TaskJson.writeFull(g, task));
            return;
        }
        Map<String, List<String>> query = UrlCodec.parseQuery(request.exchange().getQueryString());
        TaskPage page = tasks.list(request.context(), query);
        Map<String, List<String>> kept = new LinkedHashMap<>(query);
        kept.remove("marker");
        String keptQuery = UrlCodec.encodeQuery(kept);
        String first = keptQuery.isEmpty() ? COLLECTION : COLLECTION + "?" + keptQuery;
        String next = null;
        if (page.nextMarker() != null) {
            kept.put("marker", new ArrayList<>(List.of(page.nextMarker())));
            next = COLLECTION + "?" + UrlCodec.encodeQuery(kept);
        }
        String nextLink = next;
        Responses.json(request.exchange(), 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("tasks");
            for (Task task : page.tasks()) {
                TaskJson.writeStub(g, task);
            }
            g.writeEndArray();
            g.writeStringField("first", first);
            g.writeStringField("schema", TaskJson.TASKS_SCHEMA);
            if (nextLink != null) {
                g.writeStringField("next", nextLink);
            }
            g.writeEndObject();
        });
    }
}
