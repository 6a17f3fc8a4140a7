package org.glance4j.core.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.in.SchemaService;

/**
 * The {@code image}, {@code images}, {@code member} and {@code members} schema documents, shaped as Glance publishes them, rendered from the
 * {@link ImageSchemaCatalog} the validation uses.
 */
public final class DefaultSchemaService implements SchemaService {

    private final ImageSchemaCatalog catalog;

    public DefaultSchemaService(ImageSchemaCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Map<String, Object> imageSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        catalog.allDefined().forEach((name, def) -> properties.put(name, def.toSchema()));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "image");
        doc.put("properties", properties);
        doc.put("additionalProperties", catalog.additionalProperties().toSchema());
        doc.put("links", List.of(link("self", "{self}"), link("enclosure", "{file}"), link("describedby", "{schema}")));
        return doc;
    }

    @Override
    public Map<String, Object> imagesSchema() {
        Map<String, Object> images = new LinkedHashMap<>();
        images.put("type", "array");
        images.put("items", imageSchema());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("images", images);
        properties.put("first", Map.of("type", "string"));
        properties.put("next", Map.of("type", "string"));
        properties.put("schema", Map.of("type", "string"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "images");
        doc.put("properties", properties);
        doc.put("links", List.of(link("first", "{first}"), link("next", "{next}"), link("describedby", "{schema}")));
        return doc;
    }

    @Override
    public Map<String, Object> memberSchema() {
        return MemberSchema.member();
    }

    @Override
    public Map<String, Object> membersSchema() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", "array");
        members.put("items", memberSchema());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("members", members);
        properties.put("schema", Map.of("type", "string"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "members");
        doc.put("properties", properties);
        doc.put("links", List.of(link("describedby", "{schema}")));
        return doc;
    }

    private static Map<String, Object> link(String rel, String href) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("rel", rel);
        l.put("href", href);
        return l;
    }
}
