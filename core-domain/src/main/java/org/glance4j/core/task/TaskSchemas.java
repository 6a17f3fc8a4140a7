package org.glance4j.core.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Glance's task schemas ({@code /v2/schemas/task} and {@code /v2/schemas/tasks}) as JSON values. */
final class TaskSchemas {

    private TaskSchemas() {}

    static Map<String, Object> task() {
        return schema(properties(true));
    }

    static Map<String, Object> tasks() {
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("name", "tasks");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tasks", Map.of("type", "array", "items", schema(properties(false))));
        properties.put("first", Map.of("type", "string"));
        properties.put("next", Map.of("type", "string"));
        properties.put("schema", Map.of("type", "string"));
        collection.put("properties", properties);
        collection.put(
                "links",
                List.of(
                        Map.of("rel", "first", "href", "{first}"),
                        Map.of("rel", "next", "href", "{next}"),
                        Map.of("rel", "describedby", "href", "{schema}")));
        return collection;
    }

    private static Map<String, Object> schema(Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "task");
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> properties(boolean full) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(
                "id",
                Map.of(
                        "description",
                        "An identifier for the task",
                        "pattern",
                        "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$",
                        "type",
                        "string"));
        p.put(
                "type",
                Map.of(
                        "description",
                        "The type of task represented by this content",
                        "enum",
                        List.of("import", "api_image_import", "location_import"),
                        "type",
                        "string"));
        p.put(
                "status",
                Map.of(
                        "description",
                        "The current status of this task",
                        "enum",
                        List.of("pending", "processing", "success", "failure"),
                        "type",
                        "string"));
        if (full) {
            p.put(
                    "input",
                    Map.of(
                            "description",
                            "The parameters required by task, JSON blob",
                            "type",
                            List.of("null", "object")));
            p.put(
                    "result",
                    Map.of("description", "The result of current task, JSON blob", "type", List.of("null", "object")));
        }
        p.put("owner", Map.of("description", "An identifier for the owner of this task", "type", "string"));
        if (full) {
            p.put(
                    "message",
                    Map.of(
                            "description",
                            "Human-readable informative message only included when "
                                    + "appropriate (usually on failure)",
                            "type",
                            "string"));
        }
        p.put("image_id", Map.of("description", "Image associated with the task", "type", "string"));
        p.put("request_id", Map.of("description", "Human-readable informative request-id", "type", "string"));
        p.put("user_id", Map.of("description", "User associated with the task", "type", "string"));
        p.put(
                "expires_at",
                Map.of(
                        "description",
                        "Datetime when this resource would be subject to removal",
                        "type",
                        List.of("null", "string")));
        p.put("created_at", Map.of("description", "Datetime when this resource was created", "type", "string"));
        p.put("updated_at", Map.of("description", "Datetime when this resource was updated", "type", "string"));
        p.put("self", Map.of("readOnly", true, "type", "string"));
        p.put("schema", Map.of("readOnly", true, "type", "string"));
        return p;
    }
}
