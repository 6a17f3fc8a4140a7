package org.glance4j.core.metadef;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.metadef.MetadefResourceTypeService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;

/** Resource types, which appear with their first association and stay, and a namespace's associations. */
public final class DefaultMetadefResourceTypeService implements MetadefResourceTypeService {

    private static final String[] READ_ONLY = {"created_at", "updated_at"};

    private final MetadefAccess access;

    DefaultMetadefResourceTypeService(MetadefAccess access) {
        this.access = access;
    }

    @Override
    public Map<String, Object> list(RequestContext context) {
        access.policy(context).enforce("list_metadef_resource_types", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "resource_types",
                access.repository.listResourceTypes().stream()
                        .map(MetadefJson::resourceType)
                        .toList());
        return m;
    }

    @Override
    public Map<String, Object> listAssociations(RequestContext context, String namespace) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.enter(policy, namespace, "list_metadef_resource_types");
        List<Map<String, Object>> associations = policy.check("get_metadef_resource_type", ns)
                ? access.repository.listAssociations(namespace).stream()
                        .map(MetadefJson::association)
                        .toList()
                : List.of();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource_type_associations", associations);
        return m;
    }

    @Override
    public Map<String, Object> associate(RequestContext context, String namespace, Map<String, Object> body) {
        MetadefJson.refuseReadOnly(body, READ_ONLY);
        access.schemas.validator("resource_type").validate(body);
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.enter(policy, namespace, "add_metadef_resource_type_association");
        Instant now = access.now();
        MetadefResourceTypeAssociation association = new MetadefResourceTypeAssociation(
                namespace,
                MetadefJson.requiredName(body, "name"),
                MetadefJson.string(body, "prefix"),
                MetadefJson.string(body, "properties_target"),
                now,
                now);
        access.repository.addAssociation(association);
        return MetadefJson.association(association);
    }

    @Override
    public void dissociate(RequestContext context, String namespace, String resourceType) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.enter(policy, namespace, "remove_metadef_resource_type_association");
        boolean associated = access.repository.listAssociations(namespace).stream()
                .anyMatch(a -> a.name().equals(resourceType));
        if (!associated) {
            throw notFound(resourceType);
        }
        MetadefAccess.requireUnprotected(ns, "Metadata definition resource-type-association " + resourceType);
        if (!access.repository.removeAssociation(namespace, resourceType)) {
            throw notFound(resourceType);
        }
    }

    private static GlanceException notFound(String resourceType) {
        return GlanceException.notFound("Failed to find resource type " + resourceType + " to delete");
    }
}
