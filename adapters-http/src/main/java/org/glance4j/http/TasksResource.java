package org.glance4j.http;

import io.undertow.util.Headers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.TaskService;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskPage;

/**
 * {@code GET /v2/tasks} (one page of stubs with {@code first}, {@code schema} and, when the page is full,
 * {@code next}), {@code POST /v2/tasks} (Glance's deprecated tasks API: 201 with {@code Location} and the new
 * task) and {@code GET /v2/tasks/{id}} (the full task). {@code DELETE /v2/tasks/{id}} is refused as Glance refuses
 * it: 403 without {@code tasks_api_access}, else 405 with {@code Allow: GET} (tasks expire, nobody deletes them).
 * Other methods are 405.
 */
final class TasksResource implements Resource {
    static final String ALLOW = "GET, DELETE";
    static final String COLLECTION_ALLOW = "GET, POST";
    private static final String NO_DELETION = "This operation is currently not permitted on Glance Tasks. "
            + "They are auto deleted after reaching the time based on their expires_at property.";
    private static final String COLLECTION = "/v2/tasks";

    private final TaskService tasks;
    private final boolean single;

    TasksResource(TaskService tasks, boolean single) {
        this.tasks = tasks;
        this.single = single;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!single && request.method().equals("POST")) {
            create(request);
            return;
        }
        if (single && request.method().equals("DELETE")) {
            tasks.checkAccess(request.context());
            throw new HttpFailure(HttpStatus.METHOD_NOT_ALLOWED, NO_DELETION, Map.of("Allow", "GET"));
        }
        Resource.requireGet(request, single ? ALLOW : COLLECTION_ALLOW);
        if (single) {
            Task task = tasks.get(request.context(), request.segment(1));
            Responses.json(request.exchange(), 200, g -> TaskJson.writeFull(g, task));
            return;
        }
        list(request);
    }

    private void create(ApiRequest request) throws IOException {
        Map<String, Object> body;
        try {
            body = JsonBodyParser.parseObject(request);
        } catch (GlanceException unreadable) {
            // Glance checks tasks_api_access before it reads the body: a caller without it learns nothing more
            denyIfNoAccess(request);
            throw unreadable;
        }
        Task task = tasks.create(request.context(), body);
        request.exchange().getResponseHeaders().put(Headers.LOCATION, TaskJson.href(task));
        Responses.json(request.exchange(), 201, g -> TaskJson.writeFull(g, task));
    }

    /** Throws the policy refusal of a body-less create, if there is one (create refuses access before the body). */
    private void denyIfNoAccess(ApiRequest request) {
        try {
            tasks.create(request.context(), null);
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.FORBIDDEN) {
                throw e;
            }
        }
    }

    private void list(ApiRequest request) throws IOException {
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
