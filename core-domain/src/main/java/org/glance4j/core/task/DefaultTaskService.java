package org.glance4j.core.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.glance4j.core.image.ImageAccess;
import org.glance4j.core.image.ImageServiceParts;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.TaskService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskPage;
import org.glance4j.ports.model.task.TaskQuery;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.TaskRepository;

/**
 * The tasks API with Glance's rules: {@code tasks_api_access} (admin by default) guards {@code /v2/tasks} before
 * anything else, then {@code get_tasks} or {@code get_task}; an administrator sees every task, anyone else the
 * tasks of their project (and owner-less ones). The tasks of an image are shown to whoever may see the image.
 * Expired tasks are not shown. {@code POST /v2/tasks} checks {@code tasks_api_access}, the body ({@link TaskRequest})
 * and, for an {@code import} task, its source ({@link LegacyImportSource}), then stores the task and hands it to the
 * {@link TaskLauncher}.
 */
public final class DefaultTaskService implements TaskService {

    private static final Pattern UUID_LIKE =
            Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final List<String> STATUSES = List.of("pending", "processing", "success", "failure");

    private final TaskRepository tasks;
    private final PolicyEngine policies;
    private final ImageAccess access;
    private final CoreSettings settings;
    private final Clock clock;
    private final TaskLauncher launcher;

    /**
     * With a launcher, {@code POST /v2/tasks} starts tasks; without one (null) it is refused as unavailable. Task
     * times come from {@code clock} as it reads.
     */
    public DefaultTaskService(
            TaskRepository tasks, ImageServiceParts parts, CoreSettings settings, Clock clock, TaskLauncher launcher) {
        this.launcher = launcher;
        this.tasks = tasks;
        this.policies = parts.policies();
        this.access = parts.access();
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public TaskPage list(RequestContext context, Map<String, List<String>> query) {
        enforce(context, "tasks_api_access");
        String sortDir = single(query, "sort_dir", "desc");
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw GlanceException.invalid("Invalid sort direction: " + sortDir);
        }
        String sortKeyText = single(query, "sort_key", "created_at");
        TaskQuery.SortKey sortKey = TaskQuery.SortKey.fromWire(sortKeyText);
        if (sortKey == null) {
            throw GlanceException.invalid("Sort key supplied is invalid: " + sortKeyText);
        }
        String status = single(query, "status", null);
        if (status != null && !status.isEmpty() && !STATUSES.contains(status)) {
            throw GlanceException.invalid("Invalid status value: " + status);
        }
        String type = single(query, "type", null);
        if (type != null && !type.isEmpty() && !type.equals("import")) {
            throw GlanceException.invalid("Invalid type value: " + type);
        }
        String marker = single(query, "marker", null);
        if (marker != null && !UUID_LIKE.matcher(marker).matches()) {
            throw GlanceException.invalid("Invalid marker format");
        }
        int limit = limit(single(query, "limit", null));
        enforce(context, "get_tasks");
        boolean admin = policies.isAdmin(context);
        String owner = admin ? null : Objects.requireNonNullElse(context.projectId(), "");
        List<Task> page;
        try {
            page = tasks.list(new TaskQuery(
                    owner,
                    status == null || status.isEmpty() ? null : TaskStatus.fromWire(status),
                    type == null || type.isEmpty() ? null : type,
                    clock.instant(),
                    sortKey,
                    sortDir.equals("asc"),
                    marker,
                    limit));
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.NOT_FOUND) {
                throw GlanceException.invalid(e.getMessage());
            }
            throw e;
        }
        String next = !page.isEmpty() && page.size() == limit
                ? page.get(page.size() - 1).id()
                : null;
        return new TaskPage(page, next);
    }

    private int limit(String text) {
        if (text == null) {
            return settings.limitParamDefault();
        }
        int limit;
        try {
            limit = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw GlanceException.invalid("limit param must be an integer");
        }
        if (limit < 0) {
            throw GlanceException.invalid("limit param must be positive");
        }
        return Math.min(settings.apiLimitMax(), limit);
    }

    @Override
    public Task create(RequestContext context, Map<String, Object> body) {
        enforce(context, "tasks_api_access");
        TaskRequest request = TaskRequest.parse(body);
        enforce(context, "add_task");
        if (launcher == null) {
            throw GlanceException.unavailable("Tasks cannot be run: this server was built without import", null);
        }
        if (request.type().equals(Task.IMPORT)) {
            Map<String, Object> input = request.input() == null ? Map.of() : request.input();
            launcher.checkImportSource(input.get("import_from"));
        }
        Object imageId = request.input() == null ? null : request.input().get("image_id");
        Instant now = clock.instant();
        Task task = new Task(
                UUID.randomUUID().toString(),
                request.type(),
                TaskStatus.PENDING,
                context.projectId(),
                request.input(),
                null,
                "",
                imageId instanceof String id ? id : null,
                context.requestId(),
                context.userId(),
                launcher.node(),
                null,
                now,
                now);
        tasks.add(task);
        launcher.launch(context, task);
        return task;
    }

    @Override
    public void checkAccess(RequestContext context) {
        enforce(context, "tasks_api_access");
    }

    @Override
    public Task get(RequestContext context, String taskId) {
        enforce(context, "tasks_api_access");
        enforce(context, "get_task");
        Task task = tasks.find(taskId)
                .filter(t -> isVisible(context, t) && !isExpired(t))
                .orElseThrow(() -> GlanceException.notFound("Task with the given id " + taskId + " was not found"));
        return task;
    }

    @Override
    public List<Task> listForImage(RequestContext context, String imageId) {
        ImagePolicy policy = new ImagePolicy(policies, context);
        ImageAccess.Found found = access.load(context, policy, imageId);
        policy.getImage(found.image(), found.memberId());
        return tasks.listForImage(imageId).stream()
                .filter(t -> isVisible(context, t) && !isExpired(t))
                .toList();
    }

    @Override
    public Map<String, Object> taskSchema() {
        return TaskSchemas.task();
    }

    @Override
    public Map<String, Object> tasksSchema() {
        return TaskSchemas.tasks();
    }

    private boolean isVisible(RequestContext context, Task task) {
        return policies.isAdmin(context)
                || task.owner() == null
                || (context.projectId() != null && context.projectId().equals(task.owner()));
    }

    private boolean isExpired(Task task) {
        Instant now = clock.instant();
        return task.expiresAt() != null && task.expiresAt().isBefore(now);
    }

    private void enforce(RequestContext context, String rule) {
        if (!policies.allows(
                rule, context, Map.of("project_id", Objects.requireNonNullElse(context.projectId(), "")))) {
            throw GlanceException.forbidden("You are not authorized to complete " + rule + " action.");
        }
    }

    private static String single(Map<String, List<String>> query, String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }
}
