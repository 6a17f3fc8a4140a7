package org.glance4j.core.importing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.core.task.LegacyImportSource;
import org.glance4j.core.task.TaskLauncher;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;

/**
 * Runs the tasks of {@code POST /v2/tasks} on the import executor. An {@code import} task goes as Glance's legacy
 * import flow goes: it needs {@code import_from}, {@code import_from_format} and {@code image_properties} in its
 * input; it creates the image from {@code image_properties} (an empty map gives {@code qcow2}/{@code bare}) with
 * the caller's rights, checks {@code import_from} against the web-download filtering again, and then fetches and
 * stores the data with the same machinery as the {@code web-download} import, into the default store. Success
 * leaves the result {@code {"image_id": ...}} and an empty message; failure leaves the reason as the message and
 * deletes the image it created. Tasks of the internal types ({@code api_image_import}, {@code location_import})
 * are not run from this API: they fail after Glance's input checks.
 */
public final class LegacyTaskLauncher implements TaskLauncher {

    private static final Logger LOG = Logger.getLogger(LegacyTaskLauncher.class.getName());
    private static final List<String> IMPORT_INPUT = List.of("import_from", "import_from_format", "image_properties");

    private final DefaultImportService imports;
    private final ImageService images;

    public LegacyTaskLauncher(Importing importing, ImageService images) {
        this.imports = (DefaultImportService) importing.service();
        this.images = images;
    }

    @Override
    public String checkImportSource(Object importFrom) {
        return LegacyImportSource.check(importFrom, uri -> imports.filter().why(uri));
    }

    @Override
    public String node() {
        return imports.jobContext().data().nodeId();
    }

    @Override
    public void launch(RequestContext context, Task task) {
        imports.executor().submit(context.requestId(), task.id(), () -> run(context, task.id()));
    }

    private void run(RequestContext context, String taskId) {
        ImportJob.ImportContext ctx = imports.jobContext();
        Task task = ctx.tasks().find(taskId).orElse(null);
        if (task == null || task.status() != TaskStatus.PENDING) {
            return;
        }
        task = task.withStatus(TaskStatus.PROCESSING, "", ctx.time().after(task.updatedAt()));
        ctx.tasks().update(task);
        String imageId = null;
        try {
            Map<String, Object> input = unpack(task);
            String uri = checkImportSource(input.get("import_from"));
            Image image = images.create(context, imageBody(input.get("image_properties")));
            imageId = image.id();
            List<String> targets = List.of(ctx.stores().defaultStore().id());
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("name", "web-download");
            method.put("uri", uri);
            ImportRequest request = new ImportRequest(Map.of("method", method), "web-download", uri, null, false, true);
            imports.lock(imageId, taskId, null, request, targets);
            String created = imageId;
            new ImportJob(ctx, taskId, imageId, request, targets, context.roles())
                    .withoutProgressMessages()
                    .undoingOnFailure(() -> deleteImage(context, taskId, created))
                    .runProcessing();
        } catch (RuntimeException e) {
            String reason = e instanceof GlanceException ? e.getMessage() : "Task failed due to Internal Error";
            LOG.log(
                    e instanceof GlanceException ? Level.WARNING : Level.SEVERE,
                    "Task " + taskId + " failed: " + reason,
                    e instanceof GlanceException ? null : e);
            if (imageId != null) {
                deleteImage(context, taskId, imageId);
            }
            fail(taskId, reason);
        }
    }

    /** Glance's check of a task's input before it runs. */
    private static Map<String, Object> unpack(Task task) {
        Map<String, Object> input = task.input();
        switch (task.type()) {
            case Task.API_IMAGE_IMPORT -> {
                if (input.isEmpty()) {
                    throw GlanceException.invalid("Input to api_image_import task is empty.");
                }
                if (!input.containsKey("image_id")) {
                    throw GlanceException.invalid("Missing required 'image_id' field");
                }
                throw GlanceException.invalid("Tasks of type api_image_import are started by the image import "
                        + "API, not by the tasks API");
            }
            case "location_import" -> {
                if (input.isEmpty()) {
                    throw GlanceException.invalid("Input to location_import task is empty.");
                }
                for (String key : List.of("image_id", "loc_url", "validation_data")) {
                    if (!input.containsKey(key)) {
                        throw GlanceException.invalid("Input does not contain '" + key + "' field");
                    }
                }
                throw GlanceException.invalid(
                        "Tasks of type location_import are started by the locations API, " + "not by the tasks API");
            }
            default -> {
                for (String key : IMPORT_INPUT) {
                    if (!input.containsKey(key)) {
                        throw GlanceException.invalid("Input does not contain '" + key + "' field");
                    }
                }
                return input;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> imageBody(Object properties) {
        if (!(properties instanceof Map<?, ?> map)) {
            throw GlanceException.invalid("'image_properties' must be an object");
        }
        Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) map);
        if (body.isEmpty()) {
            body.put("disk_format", "qcow2");
            body.put("container_format", "bare");
        }
        return body;
    }

    private void fail(String taskId, String reason) {
        ImportJob.ImportContext ctx = imports.jobContext();
        try {
            ctx.tasks().find(taskId).filter(t -> !t.status().isFinal()).ifPresent(t -> {
                Instant now = ctx.time().after(t.updatedAt());
                ctx.tasks()
                        .update(t.finished(
                                TaskStatus.FAILURE,
                                null,
                                reason,
                                now,
                                now.plus(Duration.ofHours(ctx.settings().taskTimeToLiveHours()))));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot record the failure of task " + taskId, e);
        }
    }

    private void deleteImage(RequestContext context, String taskId, String imageId) {
        try {
            images.delete(context, imageId);
        } catch (RuntimeException e) {
            LOG.warning("Cannot delete image " + imageId + " after the failed task " + taskId + ": " + e.getMessage());
        }
    }
}
