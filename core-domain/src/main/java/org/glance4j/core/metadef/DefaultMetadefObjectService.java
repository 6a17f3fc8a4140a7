package org.glance4j.core.metadef;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.in.metadef.MetadefObjectService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefObject;

/** The objects of a namespace. An update replaces the object whole. */
public final class DefaultMetadefObjectService implements MetadefObjectService {

    private static final String[] READ_ONLY = {"self", "schema", "created_at", "updated_at"};

    private final MetadefAccess access;
    private final NamespacedItems<MetadefObject> objects;

    DefaultMetadefObjectService(MetadefAccess access) {
        this.access = access;
        this.objects = new NamespacedItems<>(access, NamespacedItemKind.OBJECT);
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
        MetadefNamespace ns = access.enter(policy, namespace, "get_metadef_objects");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "objects",
                policy.check(objects.kind().getRule(), ns)
                        ? access.repository.listObjects(namespace).stream()
                                .map(objects.kind().json())
                                .toList()
                        : List.of());
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
        return objects.create(context, namespace, now -> objectFrom(body, namespace, now, now));
    }

    @Override
    public Map<String, Object> get(RequestContext context, String namespace, String name) {
        return objects.get(context, namespace, name);
    }

    @Override
    public Map<String, Object> update(RequestContext context, String namespace, String name, Map<String, Object> body) {
        validate(body);
        return objects.update(
                context, namespace, name, (current, now) -> objectFrom(body, namespace, current.createdAt(), now));
    }

    @Override
    public void delete(RequestContext context, String namespace, String name) {
        objects.delete(context, namespace, name);
    }

    private void validate(Map<String, Object> body) {
        MetadefJson.refuseReadOnly(body, READ_ONLY);
        access.schemas.validator("object").validate(body);
    }

    private static MetadefObject objectFrom(
            Map<String, Object> body, String namespace, Instant createdAt, Instant updatedAt) {
        return new MetadefObject(
                namespace,
                MetadefJson.requiredName(body, "name"),
                MetadefJson.string(body, "description"),
                MetadefJson.strings(body, "required"),
                MetadefJson.definitions(body.get("properties")),
                createdAt,
                updatedAt);
    }
}
