package org.glance4j.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.in.SchemaService;

/** A hand-written {@link SchemaService} with small recognisable schemas. */
final class FakeSchemaService implements SchemaService {
    @Override
    public Map<String, Object> imageSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "image");
        schema.put("properties", Map.of("name", Map.of("type", List.of("null", "string"), "maxLength", 255)));
        return schema;
    }

    @Override
    public Map<String, Object> imagesSchema() {
        return Map.of("name", "images", "links", List.of(Map.of("rel", "first", "href", "{first}")));
    }

    @Override
    public Map<String, Object> memberSchema() {
        return Map.of("name", "member");
    }

    @Override
    public Map<String, Object> membersSchema() {
        return Map.of("name", "members");
    }
}
