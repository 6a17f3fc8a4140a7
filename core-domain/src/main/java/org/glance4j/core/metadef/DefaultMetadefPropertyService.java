package org.glance4j.core.metadef;

import java.util.LinkedHashMap;
import java.util.Map;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.metadef.MetadefPropertyService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;

/**
 * The property definitions of a namespace. A definition is validated against the property schema (the JSON-schema
 * subset Glance accepts: {@code type} and {@code title} required, no unknown attribute) and stored without its name.
 */
public final class DefaultMetadefPropertyService implements MetadefPropertyService {

    private static final String[] READ_ONLY = {"created_at", "updated_at"};

    private final MetadefAccess access;

    DefaultMetadefPropertyService(MetadefAccess access) {
        this.access = access;
    }

    @Override
    public Map<String, Object> list(RequestContext context, String namespace) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("get_metadef_properties", ns);
        Map<String, Object> properties = new LinkedHashMap<>();
        access.repository.listProperties(namespace).forEach(p -> properties.put(p.name(),
                MetadefJson.present(p.schema())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("properties", properties);
        return m;
    }

    @Override
    public Map<String, Object> create(RequestContext context, String namespace, Map<String, Object> body) {
        validate(body);
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("add_metadef_property", ns);
        MetadefProperty property = propertyFrom(body, namespace);
        access.repository.addProperty(property);
        return json(property);
    }

    @Override
    public Map<String, Object> get(RequestContext context, String namespace, String name, String resourceType) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("get_metadef_property", ns);
        String lookup = name;
        if (resourceType != null && !resourceType.isEmpty()) {
            policy.enforce("get_metadef_resource_type", ns);
            MetadefResourceTypeAssociation association = access.repository.listAssociations(namespace).stream()
                    .filter(a -> a.name().equals(resourceType)).findFirst()
                    .orElseThrow(() -> GlanceException.notFound("Metadata definition resource-type-association "
                            + resourceType + " of namespace " + namespace + " was not found."));
            String prefix = association.prefix();
            if (prefix == null || prefix.isEmpty() || !name.startsWith(prefix)) {
                throw GlanceException.notFound("Property " + name + " does not start with the expected resource "
                        + "type association prefix of '" + prefix + "'.");
            }
            lookup = name.substring(prefix.length());
        }
        return json(find(namespace, lookup));
    }

    @Override
    public Map<String, Object> update(RequestContext context, String namespace, String name,
            Map<String, Object> body) {
        validate(body);
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("modify_metadef_property", ns);
        find(namespace, name);
        MetadefProperty updated = propertyFrom(body, namespace);
        access.repository.updateProperty(name, updated);
        return json(updated);
    }

    @Override
    public void delete(RequestContext context, String namespace, String name) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("remove_metadef_property", ns);
        find(namespace, name);
        MetadefAccess.requireUnprotected(ns, "Metadata definition property " + name);
        if (!access.repository.removeProperty(namespace, name)) {
            throw notFound(namespace, name);
        }
    }

    private void validate(Map<String, Object> body) {
        MetadefJson.refuseReadOnly(body, READ_ONLY);
        access.schemas.validator("property").validate(body);
    }

    private MetadefProperty find(String namespace, String name) {
        return access.repository.findProperty(namespace, name).orElseThrow(() -> notFound(namespace, name));
    }

    private static GlanceException notFound(String namespace, String name) {
        return GlanceException.notFound("The metadata definition property with name=" + name
                + " was not found in namespace=" + namespace + ".");
    }

    /**
     * The property of a body. Its definition keeps the name, as Glance stores definitions made through this API
     * (those of a namespace document have none), so lists show it for these.
     */
    private static MetadefProperty propertyFrom(Map<String, Object> body, String namespace) {
        String name = MetadefJson.requiredName(body, "name");
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", name);
        definition.putAll(MetadefJson.definition(body));
        return new MetadefProperty(namespace, name, definition);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** A property with its name first, as the single-property answers show it. */
    private static Map<String, Object> json(MetadefProperty property) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", property.name());
        m.putAll(castMap(MetadefJson.present(property.schema())));
        return m;
    }
}
