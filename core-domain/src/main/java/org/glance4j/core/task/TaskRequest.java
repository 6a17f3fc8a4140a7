package org.glance4j.core.task;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.glance4j.core.schema.JsonTypes;
import org.glance4j.ports.error.GlanceException;

/**
 * The body of {@code POST /v2/tasks}, checked in Glance's order: {@code type} and {@code input} must be there, then
 * the whole body must match the task schema (known members only, each of its type; {@code type} and
 * {@code status} from their lists, {@code id} a UUID). Members other than {@code type} and {@code input} are
 * checked and then ignored, as Glance ignores them.
 *
 * @param type  the task type
 * @param input the task input, null when the body sent {@code null}
 */
record TaskRequest(String type, Map<String, Object> input) {

    static final List<String> TYPES = List.of("import", "api_image_import", "location_import");
    private static final List<String> STATUSES = List.of("pending", "processing", "success", "failure");
    private static final List<String> STRING_MEMBERS = List.of(
            "id",
            "type",
            "status",
            "owner",
            "message",
            "image_id",
            "request_id",
            "user_id",
            "created_at",
            "updated_at",
            "self",
            "schema");
    private static final List<String> OBJECT_MEMBERS = List.of("input", "result");
    private static final Pattern UUID =
            Pattern.compile("^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$");

    @SuppressWarnings("unchecked")
    static TaskRequest parse(Map<String, Object> body) {
        if (body == null) {
            throw GlanceException.invalid("Body expected in request.");
        }
        for (String required : List.of("type", "input")) {
            if (!body.containsKey(required)) {
                throw GlanceException.invalid("Task '" + required + "' is required");
            }
        }
        for (Map.Entry<String, Object> member : body.entrySet()) {
            String problem = violation(member.getKey(), member.getValue());
            if (problem != null) {
                throw GlanceException.invalid("Provided object does not match schema 'task': " + problem);
            }
        }
        return new TaskRequest((String) body.get("type"), (Map<String, Object>) body.get("input"));
    }

    private static String violation(String name, Object value) {
        if (STRING_MEMBERS.contains(name)) {
            if (!(value instanceof String text)) {
                return JsonTypes.show(value) + " is not of type 'string'";
            }
            if (name.equals("type") && !TYPES.contains(text)) {
                return JsonTypes.show(text) + " is not one of ['import', 'api_image_import', 'location_import']";
            }
            if (name.equals("status") && !STATUSES.contains(text)) {
                return JsonTypes.show(text) + " is not one of ['pending', 'processing', 'success', 'failure']";
            }
            if (name.equals("id") && !UUID.matcher(text).find()) {
                return JsonTypes.show(text) + " does not match '" + UUID.pattern() + "'";
            }
            return null;
        }
        if (OBJECT_MEMBERS.contains(name)) {
            return value == null || value instanceof Map
                    ? null
                    : JsonTypes.show(value) + " is not of type 'null', 'object'";
        }
        if (name.equals("expires_at")) {
            return value == null || value instanceof String
                    ? null
                    : JsonTypes.show(value) + " is not of type 'null', 'string'";
        }
        return "Additional properties are not allowed ('" + name + "' was unexpected)";
    }
}
