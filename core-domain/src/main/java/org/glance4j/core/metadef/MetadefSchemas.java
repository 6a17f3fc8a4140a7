package org.glance4j.core.metadef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.metadef.MetadefSchemaService;

/**
 * The JSON schemas of the catalog, with Glance's names, properties, limits and required attributes, and the
 * validators built from them: what {@code /v2/schemas/metadefs/*} publishes is what request bodies are checked
 * against. Every document is immutable.
 */
public final class MetadefSchemas implements MetadefSchemaService {

    /** The longest namespace, object, property, tag and resource type name. */
    public static final int MAX_NAME_LENGTH = 80;

    private static final List<String> JSON_TYPES =
            Arrays.asList("array", "boolean", "integer", "number", "object", "string", null);

    private final Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
    private final Map<String, Object> tagsBody;
    private final Map<String, Object> strictProperty;

    public MetadefSchemas() {
        Map<String, Object> namespace = namespace();
        Map<String, Object> object = object();
        Map<String, Object> property = property(true);
        Map<String, Object> tag = tag();
        Map<String, Object> association = association();
        documents.put("namespace", freeze(namespace));
        documents.put("namespaces", freeze(collection("namespaces", namespace)));
        documents.put("resource_type", freeze(association));
        documents.put("resource_types", freeze(collection("resource_type_associations", association)));
        documents.put("property", freeze(property));
        documents.put("properties", freeze(dictionary("properties", property(false))));
        documents.put("object", freeze(object));
        documents.put("objects", freeze(collection("objects", object)));
        documents.put("tag", freeze(tag));
        documents.put("tags", freeze(collection("tags", tag)));
        this.tagsBody = freeze(tagsBody());
        this.strictProperty = freeze(property(false));
    }

    @Override
    public List<String> names() {
        return List.copyOf(documents.keySet());
    }

    @Override
    public Map<String, Object> schema(String name) {
        Map<String, Object> document = documents.get(name);
        if (document == null) {
            throw GlanceException.notFound("No metadefs schema named " + name);
        }
        return document;
    }

    /** The validator of a body against one of the published documents (by name: namespace, object, ...). */
    JsonSchemaValidator validator(String name) {
        Map<String, Object> document = schema(name);
        return new JsonSchemaValidator(String.valueOf(document.get("name")), document);
    }

    /** The validator of {@code POST .../tags}: {@code {"tags": [{"name": ...}]}}. */
    JsonSchemaValidator tagsBodyValidator() {
        return new JsonSchemaValidator("tags", tagsBody);
    }

    /** The validator of one property definition inside an object being created: unnamed, no other keys. */
    JsonSchemaValidator objectPropertyValidator() {
        return new JsonSchemaValidator("property", strictProperty);
    }

    // ---- the documents

    private static Map<String, Object> namespace() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(
                "namespace",
                described(limited("string", MAX_NAME_LENGTH), "The namespace's name, unique in the catalog."));
        p.put("display_name", described(limited("string", MAX_NAME_LENGTH), "A name for people, shown by dashboards."));
        p.put("description", described(limited("string", 500), "What the namespace is about."));
        Map<String, Object> visibility = described(type("string"), "Who can see the namespace.");
        visibility.put("enum", List.of("public", "private"));
        p.put("visibility", visibility);
        p.put("protected", described(type("boolean"), "When true, the namespace cannot be deleted."));
        p.put("owner", described(limited("string", 255), "The project that owns the namespace."));
        p.put("created_at", timestamp("When the namespace was created."));
        p.put("updated_at", timestamp("When the namespace last changed."));
        p.put("schema", readOnlyString());
        p.put("self", readOnlyString());
        Map<String, Object> association = new LinkedHashMap<>();
        association.put("type", "object");
        association.put("properties", stringProperties("name", "prefix", "properties_target"));
        p.put("resource_type_associations", arrayOf(association));
        p.put("properties", ref("property"));
        Map<String, Object> objectProperties = new LinkedHashMap<>();
        objectProperties.put("name", type("string"));
        objectProperties.put("description", type("string"));
        objectProperties.put("required", ref("stringArray"));
        objectProperties.put("properties", ref("property"));
        Map<String, Object> objectItem = new LinkedHashMap<>();
        objectItem.put("type", "object");
        objectItem.put("properties", objectProperties);
        p.put("objects", arrayOf(objectItem));
        Map<String, Object> tagItem = new LinkedHashMap<>();
        tagItem.put("type", "object");
        tagItem.put("properties", stringProperties("name"));
        p.put("tags", arrayOf(tagItem));
        return document("namespace", p, List.of("namespace"), namespaceDefinitions());
    }

    private static Map<String, Object> object() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", limited("string", MAX_NAME_LENGTH));
        p.put("description", type("string"));
        p.put("required", ref("stringArray"));
        p.put("properties", ref("property"));
        p.put("schema", readOnlyString());
        p.put("self", readOnlyString());
        p.put("created_at", timestamp("When the object was created."));
        p.put("updated_at", timestamp("When the object last changed."));
        return document("object", p, List.of("name"), namespaceDefinitions());
    }

    /** The schema of one property definition; {@code named} for the property resource, which carries its name. */
    private static Map<String, Object> property(boolean named) {
        Map<String, Object> definitions = new LinkedHashMap<>();
        definitions.put("positiveInteger", positiveInteger());
        definitions.put("positiveIntegerDefault0", positiveIntegerDefault0());
        Map<String, Object> stringArray = stringArray();
        stringArray.put("minItems", 1);
        definitions.put("stringArray", stringArray);
        List<String> required = new ArrayList<>(List.of("type", "title"));
        if (named) {
            required.add("name");
        }
        return document("property", definitionProperties(), required, definitions);
    }

    private static Map<String, Object> tag() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", limited("string", MAX_NAME_LENGTH));
        p.put("created_at", timestamp("When the tag was created."));
        p.put("updated_at", timestamp("When the tag last changed."));
        return document("tag", p, List.of("name"), null);
    }

    private static Map<String, Object> tagsBody() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "object");
        item.put("properties", stringProperties("name"));
        item.put("required", List.of("name"));
        item.put("additionalProperties", false);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tags", arrayOf(item));
        return document("tags", p, null, null);
    }

    private static Map<String, Object> association() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(
                "name",
                described(
                        limited("string", MAX_NAME_LENGTH),
                        "The resource type, named as in Heat where "
                                + "possible (for example OS::Glance::Image or OS::Nova::Flavor)."));
        p.put(
                "prefix",
                described(
                        limited("string", MAX_NAME_LENGTH),
                        "What the namespace's property names start "
                                + "with when applied to this resource type, separator included (for example hw_ or hw:)."));
        p.put(
                "properties_target",
                described(
                        limited("string", MAX_NAME_LENGTH),
                        "Which set of the resource's "
                                + "key/value pairs the properties go to when it has several (for example image, for the image "
                                + "metadata of a volume)."));
        p.put("created_at", timestamp("When the association was made."));
        p.put("updated_at", timestamp("When the association last changed."));
        return document("resource_type_association", p, List.of("name"), null);
    }

    // ---- shared parts

    private static Map<String, Object> namespaceDefinitions() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("positiveInteger", positiveInteger());
        d.put("positiveIntegerDefault0", positiveIntegerDefault0());
        d.put("stringArray", stringArray());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "object");
        item.put("required", List.of("title", "type"));
        item.put("properties", definitionProperties());
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", "object");
        property.put("additionalProperties", item);
        d.put("property", property);
        return d;
    }

    /** The attributes a property definition may have. */
    private static Map<String, Object> definitionProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", limited("string", MAX_NAME_LENGTH));
        p.put("title", type("string"));
        p.put("description", type("string"));
        p.put("operators", arrayOf(type("string")));
        Map<String, Object> jsonType = type("string");
        jsonType.put("enum", JSON_TYPES);
        p.put("type", jsonType);
        p.put("required", ref("stringArray"));
        p.put("minimum", type("number"));
        p.put("maximum", type("number"));
        p.put("maxLength", ref("positiveInteger"));
        p.put("minLength", ref("positiveIntegerDefault0"));
        Map<String, Object> pattern = type("string");
        pattern.put("format", "regex");
        p.put("pattern", pattern);
        p.put("enum", type("array"));
        p.put("readonly", type("boolean"));
        p.put("default", new LinkedHashMap<>());
        Map<String, Object> itemType = type("string");
        itemType.put("enum", JSON_TYPES);
        Map<String, Object> itemProperties = new LinkedHashMap<>();
        itemProperties.put("type", itemType);
        itemProperties.put("enum", type("array"));
        Map<String, Object> items = type("object");
        items.put("properties", itemProperties);
        p.put("items", items);
        p.put("maxItems", ref("positiveInteger"));
        p.put("minItems", ref("positiveIntegerDefault0"));
        Map<String, Object> unique = type("boolean");
        unique.put("default", false);
        p.put("uniqueItems", unique);
        p.put("additionalItems", type("boolean"));
        return p;
    }

    private static Map<String, Object> positiveInteger() {
        Map<String, Object> m = type("integer");
        m.put("minimum", 0);
        return m;
    }

    private static Map<String, Object> positiveIntegerDefault0() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allOf", List.of(ref("positiveInteger"), Map.of("default", 0)));
        return m;
    }

    private static Map<String, Object> stringArray() {
        Map<String, Object> m = type("array");
        m.put("items", type("string"));
        m.put("uniqueItems", true);
        return m;
    }

    private static Map<String, Object> document(
            String name, Map<String, Object> properties, List<String> required, Map<String, Object> definitions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("properties", properties);
        m.put("additionalProperties", false);
        if (definitions != null) {
            m.put("definitions", definitions);
        }
        if (required != null) {
            m.put("required", required);
        }
        return m;
    }

    /** A list document: the items under {@code name}, the paging links, and the item's definitions at the top. */
    private static Map<String, Object> collection(String name, Map<String, Object> item) {
        Map<String, Object> items = new LinkedHashMap<>(item);
        Object definitions = items.remove("definitions");
        Map<String, Object> list = type("array");
        list.put("items", items);
        return listDocument(name, list, definitions);
    }

    /** A map document: the items under {@code name} keyed by their names. */
    private static Map<String, Object> dictionary(String name, Map<String, Object> item) {
        Map<String, Object> items = new LinkedHashMap<>(item);
        Object definitions = items.remove("definitions");
        Map<String, Object> map = type("object");
        map.put("additionalProperties", items);
        return listDocument(name, map, definitions);
    }

    private static Map<String, Object> listDocument(String name, Map<String, Object> content, Object definitions) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(name, content);
        p.put("first", type("string"));
        p.put("next", type("string"));
        p.put("schema", type("string"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("properties", p);
        m.put("links", List.of(link("first", "{first}"), link("next", "{next}"), link("describedby", "{schema}")));
        if (definitions != null) {
            m.put("definitions", definitions);
        }
        return m;
    }

    private static Map<String, Object> link(String rel, String href) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rel", rel);
        m.put("href", href);
        return m;
    }

    private static Map<String, Object> type(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        return m;
    }

    private static Map<String, Object> limited(String type, int maxLength) {
        Map<String, Object> m = type(type);
        m.put("maxLength", maxLength);
        return m;
    }

    private static Map<String, Object> described(Map<String, Object> m, String description) {
        m.put("description", description);
        return m;
    }

    private static Map<String, Object> timestamp(String description) {
        Map<String, Object> m = type("string");
        m.put("readOnly", true);
        m.put("description", description);
        m.put("format", "date-time");
        return m;
    }

    private static Map<String, Object> readOnlyString() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readOnly", true);
        m.put("type", "string");
        return m;
    }

    private static Map<String, Object> ref(String definition) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("$ref", "#/definitions/" + definition);
        return m;
    }

    private static Map<String, Object> arrayOf(Map<String, Object> items) {
        Map<String, Object> m = type("array");
        m.put("items", items);
        return m;
    }

    private static Map<String, Object> stringProperties(String... names) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : names) {
            m.put(name, type("string"));
        }
        return m;
    }

    /** A deep, unmodifiable copy (lists may hold null, as the type enums do). */
    @SuppressWarnings("unchecked")
    static <T> T freeze(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, freeze(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(freeze(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        return value;
    }
}
