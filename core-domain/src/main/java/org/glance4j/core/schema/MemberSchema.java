package org.glance4j.core.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code member} schema document, shaped as Glance publishes it: the short form (no
 * {@code additionalProperties}), which the {@code members} document also uses for its items, unpaged.
 */
final class MemberSchema {

    static final String UUID_PATTERN =
            "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}" + "-([0-9a-fA-F]){12}$";

    private MemberSchema() {}

    static Map<String, Object> member() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("member_id", string("An identifier for the image member (tenantId)"));
        Map<String, Object> imageId = string("An identifier for the image");
        imageId.put("pattern", UUID_PATTERN);
        properties.put("image_id", imageId);
        properties.put("created_at", string("Date and time of image member creation"));
        properties.put("updated_at", string("Date and time of last modification of image member"));
        Map<String, Object> status = string("The status of this image member");
        status.put("enum", List.of("pending", "accepted", "rejected"));
        properties.put("status", status);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("readOnly", true);
        schema.put("type", "string");
        properties.put("schema", schema);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "member");
        doc.put("properties", properties);
        return doc;
    }

    private static Map<String, Object> string(String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "string");
        p.put("description", description);
        return p;
    }
}
