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
    private final NamespacedItems<MetadefProperty> properties;

    DefaultMetadefPropertyService(MetadefAccess access) {
        this.access = access;
        this.properties = new NamespacedItems<>(access, NamespacedItemKind.PROPERTY);
    }

    @Override
    public Map<String, Object> list(RequestContext context, String namespace) {
        access.enter(access.policy(context), namespace, "get_metadef_properties");
        Map<String, Object> definitions = new LinkedHashMap<>();
        access.repository
                .listProperties(namespace)
                .forEach(p -> definitions.put(p.name(), MetadefJson.present(p.schema())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("properties", definitions);
        return m;
    }

    @Override
    public Map<String, Object> create(RequestContext context, String namespace, Map<String, Object> body) {
        validate(body);
        return properties.create(context, namespace, now -> propertyFrom(body, namespace));
    }

    @Override
    public Map<String, Object> get(RequestContext context, String namespace, String name, String resourceType) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.enter(policy, namespace, properties.kind().getRule());
        String lookup = name;
        if (resourceType != null && !resourceType.isEmpty()) {
            policy.enforce("get_metadef_resource_type", ns);
            MetadefResourceTypeAssociation association = access.repository.listAssociations(namespace).stream()
                    .filter(a -> a.name().equals(resourceType))
                    .findFirst()
                    .orElseThrow(() -> GlanceException.notFound("Metadata definition resource-type-association "
                            + resourceType + " of namespace " + namespace + " was not found."));
            String prefix = association.prefix();
            if (prefix == null || prefix.isEmpty() || !name.startsWith(prefix)) {
                throw GlanceException.notFound("Property " + name + " does not start with the expected resource "
                        + "type association prefix of '" + prefix + "'.");
            }
            lookup = name.substring(prefix.length());
        }
        return properties.kind().json().apply(properties.find(namespace, lookup));
    }

    @Override
    public Map<String, Object> update(RequestContext context, String namespace, String name, Map<String, Object> body) {
        validate(body);
        return properties.update(context, namespace, name, (current, now) -> propertyFrom(body, namespace));
    }

    @Override
    public void delete(RequestContext context, String namespace, String name) {
        properties.delete(context, namespace, name);
    }

    private void validate(Map<String, Object> body) {
        MetadefJson.refuseReadOnly(body, READ_ONLY);
        access.schemas.validator("property").validate(body);
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
}
