package org.glance4j.core.metadef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.metadef.MetadefCatalogService;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefNamespaceContent;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefResourceType;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;
import org.glance4j.ports.model.metadef.MetadefTag;

/**
 * Loads namespace documents (the files of Glance's {@code etc/metadefs}) and exports the catalog as such
 * documents. A document is checked against the namespace schema first, so a file the API would refuse is refused
 * here too, with the same message.
 */
public final class DefaultMetadefCatalogService implements MetadefCatalogService {

    /** The owner of loaded namespaces that name none, as glance-manage sets it. */
    static final String DEFAULT_OWNER = "admin";

    private final MetadefAccess access;

    DefaultMetadefCatalogService(MetadefAccess access) {
        this.access = access;
    }

    @Override
    public LoadOutcome load(Map<String, Object> document) {
        Map<String, Object> body = withoutNulls(document);
        // An export carries no times; a document that does is still a catalog file, not a request.
        body.remove("created_at");
        body.remove("updated_at");
        body.remove("self");
        body.remove("schema");
        access.schemas.validator("namespace").validate(body);
        String name = MetadefJson.requiredName(body, "namespace");
        if (access.repository.findNamespace(name).isPresent()) {
            return LoadOutcome.SKIPPED;
        }
        Instant now = access.now();
        String visibility = MetadefJson.string(body, "visibility");
        String owner = MetadefJson.string(body, "owner");
        MetadefNamespace ns = new MetadefNamespace(
                name,
                MetadefJson.string(body, "display_name"),
                MetadefJson.string(body, "description"),
                visibility == null ? "private" : visibility,
                Boolean.TRUE.equals(body.get("protected")),
                owner == null ? DEFAULT_OWNER : owner,
                now,
                now);
        List<MetadefResourceTypeAssociation> associations = new ArrayList<>();
        for (Map<String, Object> a : MetadefJson.objects(body, "resource_type_associations")) {
            String type = MetadefJson.requiredName(a, "name");
            access.repository.addResourceType(new MetadefResourceType(type, true, now, now));
            associations.add(new MetadefResourceTypeAssociation(
                    name, type, MetadefJson.string(a, "prefix"), MetadefJson.string(a, "properties_target"), now, now));
        }
        List<MetadefProperty> properties = new ArrayList<>();
        MetadefJson.definitions(body.get("properties"))
                .forEach((key, definition) -> properties.add(new MetadefProperty(name, key, castMap(definition))));
        List<MetadefObject> objects = MetadefJson.objects(body, "objects").stream()
                .map(o -> new MetadefObject(
                        name,
                        MetadefJson.requiredName(o, "name"),
                        MetadefJson.string(o, "description"),
                        MetadefJson.strings(o, "required"),
                        MetadefJson.definitions(o.get("properties")),
                        now,
                        now))
                .toList();
        List<MetadefTag> tags = MetadefJson.objects(body, "tags").stream()
                .map(t -> new MetadefTag(name, MetadefJson.requiredName(t, "name"), now, now))
                .toList();
        try {
            access.repository.addNamespace(new MetadefNamespaceContent(ns, associations, properties, objects, tags));
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.CONFLICT
                    && access.repository.findNamespace(name).isPresent()) {
                return LoadOutcome.SKIPPED; // loaded by someone else meanwhile
            }
            if (e.category() == ErrorCategory.CONFLICT) {
                throw GlanceException.invalid("namespace " + name + ": " + e.getMessage());
            }
            throw e;
        }
        return LoadOutcome.LOADED;
    }

    /**
     * The document without null attributes, which exports (Glance's too) write for absent values; inside property
     * definitions nothing is dropped but what {@link MetadefJson#definition} drops.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Map<String, Object> document) {
        Map<String, Object> m = new LinkedHashMap<>();
        document.forEach((key, value) -> {
            if (value instanceof List<?> list
                    && (key.equals("objects") || key.equals("tags") || key.equals("resource_type_associations"))) {
                List<Object> items = new ArrayList<>();
                list.forEach(item ->
                        items.add(item instanceof Map<?, ?> entry ? withoutNulls((Map<String, Object>) entry) : item));
                m.put(key, items);
            } else if (value != null) {
                m.put(key, value);
            }
        });
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    @Override
    public List<Map<String, Object>> export() {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (MetadefNamespace ns : access.repository.listNamespaces()) {
            String name = ns.namespace();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("namespace", name);
            d.put("display_name", ns.displayName());
            d.put("description", ns.description());
            d.put("visibility", ns.visibility());
            d.put("protected", ns.isProtected());
            d.put("owner", ns.owner());
            List<Map<String, Object>> associations = new ArrayList<>();
            for (MetadefResourceTypeAssociation a : access.repository.listAssociations(name)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", a.name());
                m.put("prefix", a.prefix());
                m.put("properties_target", a.propertiesTarget());
                associations.add(m);
            }
            d.put("resource_type_associations", associations);
            Map<String, Object> properties = new LinkedHashMap<>();
            access.repository.listProperties(name).forEach(p -> properties.put(p.name(), p.schema()));
            d.put("properties", properties);
            List<Map<String, Object>> objects = new ArrayList<>();
            for (MetadefObject o : access.repository.listObjects(name)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", o.name());
                m.put("description", o.description());
                if (!o.required().isEmpty()) {
                    m.put("required", o.required());
                }
                m.put("properties", o.properties());
                objects.add(m);
            }
            d.put("objects", objects);
            d.put(
                    "tags",
                    access.repository.listTags(name).stream()
                            .map(MetadefJson::tagName)
                            .toList());
            documents.add(d);
        }
        return documents;
    }
}
