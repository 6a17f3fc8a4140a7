package org.glance4j.core.metadef;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefResourceType;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;
import org.glance4j.ports.model.metadef.MetadefTag;

/**
 * The catalog's records as the JSON Glance answers (plain JDK maps in a stable key order; attributes without a
 * value are left out, as Glance leaves them out), and the small helpers that read request bodies.
 */
final class MetadefJson {

    static final String NAMESPACE_SCHEMA = "/v2/schemas/metadefs/namespace";
    static final String NAMESPACES_SCHEMA = "/v2/schemas/metadefs/namespaces";
    static final String OBJECT_SCHEMA = "/v2/schemas/metadefs/object";
    /** Glance writes the object list's schema link without its leading slash. */
    static final String OBJECTS_SCHEMA = "v2/schemas/metadefs/objects";

    /** The attributes a property definition keeps; anything else is dropped, as Glance's model drops it. */
    static final Set<String> DEFINITION_KEYS = Set.of(
            "name",
            "type",
            "title",
            "description",
            "operators",
            "default",
            "readonly",
            "minimum",
            "maximum",
            "enum",
            "pattern",
            "minLength",
            "maxLength",
            "confidential",
            "items",
            "uniqueItems",
            "minItems",
            "maxItems",
            "additionalItems");

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private MetadefJson() {}

    static String time(Instant instant) {
        return ISO.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static String namespaceHref(String namespace) {
        return "/v2/metadefs/namespaces/" + namespace;
    }

    static Map<String, Object> namespace(MetadefNamespace ns, List<MetadefResourceTypeAssociation> associations) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", ns.namespace());
        putIfPresent(m, "display_name", ns.displayName());
        putIfPresent(m, "description", ns.description());
        m.put("visibility", ns.visibility());
        m.put("protected", ns.isProtected());
        putIfPresent(m, "owner", ns.owner());
        m.put("created_at", time(ns.createdAt()));
        m.put("updated_at", time(ns.updatedAt()));
        if (!associations.isEmpty()) {
            m.put(
                    "resource_type_associations",
                    associations.stream().map(MetadefJson::association).toList());
        }
        m.put("self", namespaceHref(ns.namespace()));
        m.put("schema", NAMESPACE_SCHEMA);
        return m;
    }

    static Map<String, Object> association(MetadefResourceTypeAssociation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        putIfPresent(m, "prefix", a.prefix());
        putIfPresent(m, "properties_target", a.propertiesTarget());
        m.put("created_at", time(a.createdAt()));
        m.put("updated_at", time(a.updatedAt()));
        return m;
    }

    static Map<String, Object> resourceType(MetadefResourceType t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("created_at", time(t.createdAt()));
        m.put("updated_at", time(t.updatedAt()));
        return m;
    }

    /** An object, its property names (and required list) prefixed with {@code prefix} when not null. */
    static Map<String, Object> object(MetadefObject o, String prefix) {
        String p = prefix == null ? "" : prefix;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        putIfPresent(m, "description", o.description());
        m.put("required", o.required().stream().map(r -> p + r).toList());
        if (!o.properties().isEmpty()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            o.properties().forEach((name, definition) -> properties.put(p + name, present(definition)));
            m.put("properties", properties);
        }
        m.put("created_at", time(o.createdAt()));
        m.put("updated_at", time(o.updatedAt()));
        m.put("self", namespaceHref(o.namespace()) + "/objects/" + o.name());
        m.put("schema", OBJECT_SCHEMA);
        return m;
    }

    static Map<String, Object> tag(MetadefTag t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("created_at", time(t.createdAt()));
        m.put("updated_at", time(t.updatedAt()));
        return m;
    }

    static Map<String, Object> tagName(MetadefTag t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        return m;
    }

    /**
     * A stored definition as Glance answers it: its model types {@code default} as text, so a number or boolean
     * default comes out as Python writes it ({@code "1"}, {@code "True"}) and a list or object default as null.
     * What is stored (and exported) keeps the original value.
     */
    @SuppressWarnings("unchecked")
    static Object present(Object definition) {
        if (!(definition instanceof Map<?, ?> map) || !map.containsKey("default")) {
            return definition;
        }
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) map);
        Object value = m.get("default");
        if (value instanceof Boolean b) {
            m.put("default", b ? "True" : "False");
        } else if (value instanceof Number number) {
            m.put("default", String.valueOf(number));
        } else if (value instanceof List || value instanceof Map) {
            m.put("default", null);
        }
        return m;
    }

    /** A property definition with only the attributes Glance keeps, without its name. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> definition(Map<String, Object> given) {
        Map<String, Object> m = new LinkedHashMap<>();
        given.forEach((key, value) -> {
            if (DEFINITION_KEYS.contains(key) && !key.equals("name") && value != null) {
                if (key.equals("items") && value instanceof Map<?, ?> items) {
                    Map<String, Object> kept = new LinkedHashMap<>();
                    ((Map<String, Object>) items).forEach((k, v) -> {
                        if ((k.equals("type") || k.equals("enum")) && v != null) {
                            kept.put(k, v);
                        }
                    });
                    m.put(key, kept);
                } else {
                    m.put(key, value);
                }
            }
        });
        return m;
    }

    /** The definitions of a {@code properties} map, each cleaned by {@link #definition}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> definitions(Object properties) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (properties instanceof Map<?, ?> map) {
            ((Map<String, Object>) map)
                    .forEach((name, definition) -> m.put(
                            name, definition instanceof Map<?, ?> d ? definition((Map<String, Object>) d) : Map.of()));
        }
        return m;
    }

    // ---- reading bodies (already validated against their schema)

    /** Refuses the read-only attributes Glance refuses, before anything else is looked at. */
    static void refuseReadOnly(Map<String, Object> body, String... keys) {
        for (String key : keys) {
            if (body.containsKey(key)) {
                throw GlanceException.forbidden("Attribute '" + key + "' is read-only.");
            }
        }
    }

    static String string(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value instanceof String s ? s : null;
    }

    static List<String> strings(Map<String, Object> body, String key) {
        List<String> out = new ArrayList<>();
        if (body.get(key) instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, Object> body, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (body.get(key) instanceof List<?> list) {
            for (Object item : list) {
                out.add(item instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
            }
        }
        return out;
    }

    /** A name a body must carry (the schemas require it; a null value is refused here). */
    static String requiredName(Map<String, Object> body, String key) {
        String value = string(body, key);
        if (value == null) {
            throw GlanceException.invalid("'" + key + "' is a required property and must be a string");
        }
        return value;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
