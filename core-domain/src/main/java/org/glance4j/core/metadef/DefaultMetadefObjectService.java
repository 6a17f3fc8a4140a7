package org.glance4j.core.metadef;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.in.metadef.MetadefObjectService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefObject;

/** The objects of a namespace. An update replaces the object whole. */
public final class DefaultMetadefObjectService implements MetadefObjectService {

    private static final String[] READ_ONLY = {"self", "schema", "created_at", "updated_at"};

    private final MetadefAccess access;

    DefaultMetadefObjectService(MetadefAccess access) {
        this.access = access;
    }

    @Override
    public Map<String, Object> list(RequestContext context, String namespace, ListParameters parameters) {
        MetadefListChecks.sortDir(parameters);
        MetadefListChecks.visibility(parameters);
        String limit = parameters.first("limit");
        if (limit != null) {
            MetadefListChecks.positiveLimit(limit);
        }
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("get_metadef_objects", ns);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objects", policy.check("get_metadef_object", ns)
                ? access.repository.listObjects(namespace).stream().map(o -> MetadefJson.object(o, null)).toList()
                : java.util.List.of());
        m.put("schema", MetadefJson.OBJECTS_SCHEMA);
        return m;
    }

    @Override
    public Map<String, Object> create(RequestContext context, String namespace, Map<String, Object> body) {
        validate(body);
        if (body.get("properties") instanceof Map<?, ?> properties) {
            for (Object definition : properties.values()) {
                access.schemas.objectPropertyValidator().validate(definition);
            }
        }
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("add_metadef_object", ns);
        Instant now = access.now();
        MetadefObject object = objectFrom(body, namespace, now, now);
        access.repository.addObject(object);
        return MetadefJson.object(object, null);
    }

    @Override
    public Map<String, Object> get(RequestContext context, String namespace, String name) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("get_metadef_object", ns);
        return MetadefJson.object(find(namespace, name), null);
    }

    @Override
    public Map<String, Object> update(RequestContext context, String namespace, String name,
            Map<String, Object> body) {
        validate(body);
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("modify_metadef_object", ns);
        MetadefObject current = find(namespace, name);
        MetadefObject updated = objectFrom(body, namespace, current.createdAt(), access.now());
        access.repository.updateObject(name, updated);
        return MetadefJson.object(updated, null);
    }

    @Override
    public void delete(RequestContext context, String namespace, String name) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        policy.enforce("delete_metadef_object", ns);
        find(namespace, name);
        MetadefAccess.requireUnprotected(ns, "Metadata definition object " + name);
        if (!access.repository.removeObject(namespace, name)) {
            throw notFound(namespace, name);
        }
    }

    private void validate(Map<String, Object> body) {
        MetadefJson.refuseReadOnly(body, READ_ONLY);
        access.schemas.validator("object").validate(body);
    }

    private MetadefObject find(String namespace, String name) {
        return access.repository.findObject(namespace, name).orElseThrow(() -> notFound(namespace, name));
    }

    private static GlanceException notFound(String namespace, String name) {
        return GlanceException.notFound("The metadata definition object with name=" + name
                + " was not found in namespace=" + namespace + ".");
    }

    private static MetadefObject objectFrom(Map<String, Object> body, String namespace, Instant createdAt,
            Instant updatedAt) {
        return new MetadefObject(namespace, MetadefJson.requiredName(body, "name"),
                MetadefJson.string(body, "description"), MetadefJson.strings(body, "required"),
                MetadefJson.definitions(body.get("properties")), createdAt, updatedAt);
    }
}
