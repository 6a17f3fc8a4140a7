package org.glance4j.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.glance4j.ports.model.task.Task;

/**
 * Writes tasks as Glance renders them: the full task of {@code GET /v2/tasks/{id}}, the stub of the task list, and
 * the database row form of {@code GET /v2/images/{id}/tasks} (Python {@code isoformat} times, {@code deleted}).
 */
final class TaskJson {
    static final String TASK_SCHEMA = "/v2/schemas/task";
    static final String TASKS_SCHEMA = "/v2/schemas/tasks";

    private TaskJson() {}

    static String href(Task task) {
        return "/v2/tasks/" + task.id();
    }

    static void writeFull(JsonGenerator g, Task task) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", task.id());
        g.writeFieldName("input");
        Json.MAPPER.writeValue(g, task.input());
        g.writeStringField("type", task.type());
        g.writeStringField("status", task.status().wireName());
        g.writeStringField("owner", task.owner());
        g.writeStringField("message", task.message());
        g.writeFieldName("result");
        Json.MAPPER.writeValue(g, task.result());
        g.writeStringField("created_at", GlanceTime.format(task.createdAt()));
        g.writeStringField("updated_at", GlanceTime.format(task.updatedAt()));
        g.writeStringField("self", href(task));
        g.writeStringField("schema", TASK_SCHEMA);
        if (task.imageId() != null) {
            g.writeStringField("image_id", task.imageId());
        }
        if (task.requestId() != null) {
            g.writeStringField("request_id", task.requestId());
        }
        if (task.userId() != null) {
            g.writeStringField("user_id", task.userId());
        }
        if (task.expiresAt() != null) {
            g.writeStringField("expires_at", GlanceTime.format(task.expiresAt()));
        }
        g.writeEndObject();
    }

    static void writeStub(JsonGenerator g, Task task) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", task.id());
        g.writeStringField("type", task.type());
        g.writeStringField("status", task.status().wireName());
        g.writeStringField("owner", task.owner());
        g.writeStringField("created_at", GlanceTime.format(task.createdAt()));
        g.writeStringField("updated_at", GlanceTime.format(task.updatedAt()));
        g.writeStringField("self", href(task));
        g.writeStringField("schema", TASK_SCHEMA);
        if (task.expiresAt() != null) {
            g.writeStringField("expires_at", GlanceTime.format(task.expiresAt()));
        }
        g.writeEndObject();
    }

    /** The row form Glance's {@code get_task_info} returns for the tasks of an image. */
    static void writeRow(JsonGenerator g, Task task) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", task.id());
        g.writeStringField("type", task.type());
        g.writeStringField("status", task.status().wireName());
        g.writeStringField("owner", task.owner());
        g.writeStringField("expires_at", glanceRowTime(task.expiresAt()));
        g.writeStringField("created_at", glanceRowTime(task.createdAt()));
        g.writeStringField("updated_at", glanceRowTime(task.updatedAt()));
        g.writeNullField("deleted_at");
        g.writeBooleanField("deleted", false);
        g.writeStringField("image_id", task.imageId());
        g.writeStringField("request_id", task.requestId());
        g.writeStringField("user_id", task.userId());
        g.writeFieldName("input");
        Json.MAPPER.writeValue(g, task.input());
        g.writeFieldName("result");
        Json.MAPPER.writeValue(g, task.result());
        g.writeStringField("message", task.message());
        g.writeEndObject();
    }

    /**
     * A naive UTC time as Glance's JSON serializer writes a raw {@code datetime} (oslo's {@code to_primitive},
     * {@code %Y-%m-%dT%H:%M:%S.%f}): always six digits of microseconds, {@code .000000} included.
     */
    static String glanceRowTime(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        String seconds = String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        return seconds + String.format(".%06d", instant.getNano() / 1000);
    }
}
