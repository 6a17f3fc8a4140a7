package org.glance4j.core.metadef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.in.metadef.MetadefNamespacePage;
import org.glance4j.ports.in.metadef.MetadefNamespaceService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefNamespaceContent;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;
import org.glance4j.ports.model.metadef.MetadefTag;

/** Namespaces: list, create with content, show (with prefixed names), update, delete, delete content. */
public final class DefaultMetadefNamespaceService implements MetadefNamespaceService {

    private static final String[] READ_ONLY = {"self", "schema", "created_at", "updated_at"};
    private static final Set<String> SORT_KEYS = Set.of(
            "namespace", "display_name", "description", "visibility", "protected", "owner", "created_at", "updated_at");

    private final MetadefAccess access;
    private final CoreSettings settings;

    DefaultMetadefNamespaceService(MetadefAccess access, CoreSettings settings) {
        this.access = access;
        this.settings = settings;
    }

    @Override
    public MetadefNamespacePage list(RequestContext context, ListParameters parameters) {
        String sortDir = orDefault(parameters.first("sort_dir"), "desc");
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw GlanceException.invalid("Invalid sort direction: " + sortDir);
        }
        String sortKey = orDefault(parameters.first("sort_key"), "created_at");
        if (!SORT_KEYS.contains(sortKey)) {
            throw GlanceException.invalid("Invalid sort key: " + sortKey);
        }
        String visibility = parameters.first("visibility");
        if (visibility != null && !visibility.isEmpty() && !MetadefNamespace.VISIBILITIES.contains(visibility)) {
            throw GlanceException.invalid("Invalid visibility value: " + visibility);
        }
        int limit = limit(parameters.first("limit"));
        MetadefPolicy policy = access.policy(context);
        policy.enforce("get_metadef_namespaces", null);
        policy.enforce("list_metadef_resource_types", null);

        List<MetadefNamespace> all = access.repository.listNamespaces();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            position.put(all.get(i).namespace(), i);
        }
        Comparator<MetadefNamespace> order = order(sortKey, position);
        if (sortDir.equals("desc")) {
            order = order.reversed();
        }
        MetadefNamespace marker = null;
        String markerName = parameters.first("marker");
        if (markerName != null) {
            marker = access.repository
                    .findNamespace(markerName)
                    .orElseThrow(() -> GlanceException.notFound(
                            "Metadata definition namespace=" + markerName + " was not found."));
            if (!policy.canSee(marker)) {
                throw GlanceException.forbidden(
                        "Forbidding request, metadata definition namespace=" + markerName + " is not visible.");
            }
        }
        Map<String, List<MetadefResourceTypeAssociation>> associations = associationsByNamespace();
        Set<String> wantedTypes = resourceTypes(parameters.first("resource_types"));
        List<MetadefNamespace> visible = new ArrayList<>();
        for (MetadefNamespace ns : all) {
            if (!listable(policy, ns)
                    || (visibility != null
                            && !visibility.isEmpty()
                            && !ns.visibility().equals(visibility))) {
                continue;
            }
            if (wantedTypes != null
                    && associations.getOrDefault(ns.namespace(), List.of()).stream()
                            .noneMatch(a -> wantedTypes.contains(a.name()))) {
                continue;
            }
            if (marker != null && order.compare(ns, marker) <= 0) {
                continue;
            }
            visible.add(ns);
        }
        visible.sort(order);
        List<MetadefNamespace> page = visible.subList(0, Math.min(limit, visible.size()));
        List<Map<String, Object>> json = page.stream()
                .map(ns -> MetadefJson.namespace(ns, associations.getOrDefault(ns.namespace(), List.of())))
                .toList();
        String next = !page.isEmpty() && page.size() == limit
                ? page.get(page.size() - 1).namespace()
                : null;
        return new MetadefNamespacePage(json, next);
    }

    /** What Glance's list query returns and its per-namespace policy keeps. */
    private static boolean listable(MetadefPolicy policy, MetadefNamespace ns) {
        String project = policy.context().projectId();
        boolean inQuery = policy.isAdmin() || ns.isPublic() || (project != null && project.equals(ns.owner()));
        return inQuery && policy.check("get_metadef_namespace", ns);
    }

    private int limit(String text) {
        if (text == null) {
            return settings.limitParamDefault();
        }
        int limit;
        try {
            limit = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw GlanceException.invalid("limit param must be an integer");
        }
        if (limit < 0) {
            throw GlanceException.invalid("limit param must be positive");
        }
        return Math.min(limit, settings.apiLimitMax());
    }

    private static Set<String> resourceTypes(String text) {
        if (text == null) {
            return null;
        }
        return Set.copyOf(Arrays.asList(text.split(",")));
    }

    private Map<String, List<MetadefResourceTypeAssociation>> associationsByNamespace() {
        Map<String, List<MetadefResourceTypeAssociation>> by = new HashMap<>();
        for (MetadefResourceTypeAssociation a : access.repository.listAllAssociations()) {
            by.computeIfAbsent(a.namespace(), k -> new ArrayList<>()).add(a);
        }
        return by;
    }

    /** The sort key, then created_at, then the order of creation; null sorts first. */
    private static Comparator<MetadefNamespace> order(String key, Map<String, Integer> position) {
        Function<MetadefNamespace, Comparable<?>> extract = switch (key) {
            case "namespace" -> MetadefNamespace::namespace;
            case "display_name" -> MetadefNamespace::displayName;
            case "description" -> MetadefNamespace::description;
            case "visibility" -> MetadefNamespace::visibility;
            case "protected" -> MetadefNamespace::isProtected;
            case "owner" -> MetadefNamespace::owner;
            case "updated_at" -> MetadefNamespace::updatedAt;
            default -> MetadefNamespace::createdAt;
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<MetadefNamespace> first =
                Comparator.comparing((Function) extract, Comparator.nullsFirst(Comparator.naturalOrder()));
        return first.thenComparing(MetadefNamespace::createdAt)
                .thenComparing(ns -> position.getOrDefault(ns.namespace(), Integer.MAX_VALUE));
    }

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> body) {
        MetadefJson.refuseReadOnly(body, READ_ONLY);
        access.schemas.validator("namespace").validate(body);
        MetadefPolicy policy = access.policy(context);
        policy.enforce("add_metadef_namespace", null);
        List<Map<String, Object>> associations = MetadefJson.objects(body, "resource_type_associations");
        List<Map<String, Object>> objects = MetadefJson.objects(body, "objects");
        Map<String, Object> properties = MetadefJson.definitions(body.get("properties"));
        List<Map<String, Object>> tags = MetadefJson.objects(body, "tags");
        if (!associations.isEmpty()) {
            policy.enforce("add_metadef_resource_type_association", null);
        }
        if (!objects.isEmpty()) {
            policy.enforce("add_metadef_object", null);
        }
        if (!properties.isEmpty()) {
            policy.enforce("add_metadef_property", null);
        }
        if (!tags.isEmpty()) {
            policy.enforce("add_metadef_tag", null);
        }
        java.time.Instant now = access.now();
        String name = MetadefJson.requiredName(body, "namespace");
        MetadefNamespace ns = namespaceFrom(body, name, context, now, now);
        MetadefNamespaceContent content = new MetadefNamespaceContent(
                ns,
                associations.stream()
                        .map(a -> new MetadefResourceTypeAssociation(
                                name,
                                MetadefJson.requiredName(a, "name"),
                                MetadefJson.string(a, "prefix"),
                                MetadefJson.string(a, "properties_target"),
                                now,
                                now))
                        .toList(),
                properties.entrySet().stream()
                        .map(e -> new MetadefProperty(name, e.getKey(), castMap(e.getValue())))
                        .toList(),
                objects.stream()
                        .map(o -> new MetadefObject(
                                name,
                                MetadefJson.requiredName(o, "name"),
                                MetadefJson.string(o, "description"),
                                MetadefJson.strings(o, "required"),
                                MetadefJson.definitions(o.get("properties")),
                                now,
                                now))
                        .toList(),
                tags.stream()
                        .map(t -> new MetadefTag(name, MetadefJson.requiredName(t, "name"), now, now))
                        .toList());
        access.repository.addNamespace(content);
        return detail(content, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** The namespace's own attributes from a validated body, with the defaults Glance gives missing ones. */
    static MetadefNamespace namespaceFrom(
            Map<String, Object> body,
            String name,
            RequestContext context,
            java.time.Instant createdAt,
            java.time.Instant updatedAt) {
        String visibility = MetadefJson.string(body, "visibility");
        String owner = MetadefJson.string(body, "owner");
        boolean isProtected = Boolean.TRUE.equals(body.get("protected"));
        return new MetadefNamespace(
                name,
                MetadefJson.string(body, "display_name"),
                MetadefJson.string(body, "description"),
                visibility == null ? "private" : visibility,
                isProtected,
                owner == null || owner.isEmpty() ? context.projectId() : owner,
                createdAt,
                updatedAt);
    }

    @Override
    public Map<String, Object> get(RequestContext context, String namespace, String resourceType) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.enter(policy, namespace, "get_metadef_namespace");
        policy.enforce("list_metadef_resource_types", ns);
        policy.enforce("get_metadef_objects", ns);
        policy.enforce("get_metadef_properties", ns);
        policy.enforce("get_metadef_tags", ns);
        MetadefNamespaceContent content = new MetadefNamespaceContent(
                ns,
                access.repository.listAssociations(namespace),
                access.repository.listProperties(namespace),
                access.repository.listObjects(namespace),
                DefaultMetadefTagService.newestFirst(access.repository.listTags(namespace)));
        String prefix = null;
        if (resourceType != null && !resourceType.isEmpty()) {
            prefix = content.associations().stream()
                    .filter(a -> a.name().equals(resourceType))
                    .findFirst()
                    .map(MetadefResourceTypeAssociation::prefix)
                    .orElse(null);
        }
        return detail(content, prefix);
    }

    /** A namespace with its content, property names prefixed when {@code prefix} is not null. */
    private static Map<String, Object> detail(MetadefNamespaceContent content, String prefix) {
        String p = prefix == null ? "" : prefix;
        Map<String, Object> m = MetadefJson.namespace(content.namespace(), content.associations());
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!k.equals("self") && !k.equals("schema")) {
                out.put(k, v);
            }
        });
        if (!content.properties().isEmpty()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            content.properties().forEach(pr -> properties.put(p + pr.name(), MetadefJson.present(pr.schema())));
            out.put("properties", properties);
        }
        if (!content.objects().isEmpty()) {
            out.put(
                    "objects",
                    content.objects().stream()
                            .map(o -> MetadefJson.object(o, prefix))
                            .toList());
        }
        if (!content.tags().isEmpty()) {
            out.put("tags", content.tags().stream().map(MetadefJson::tagName).toList());
        }
        out.put("self", m.get("self"));
        out.put("schema", m.get("schema"));
        return out;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String namespace, Map<String, Object> body) {
        MetadefJson.refuseReadOnly(body, READ_ONLY);
        access.schemas.validator("namespace").validate(body);
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace current = access.enter(policy, namespace, "modify_metadef_namespace");
        MetadefNamespace updated = namespaceFrom(
                body, MetadefJson.requiredName(body, "namespace"), context, current.createdAt(), access.now());
        access.repository.updateNamespace(namespace, updated);
        return MetadefJson.namespace(updated, access.repository.listAssociations(updated.namespace()));
    }

    @Override
    public void delete(RequestContext context, String namespace) {
        MetadefNamespace ns = forDeletion(context, namespace, null);
        access.repository.removeNamespace(ns.namespace());
    }

    @Override
    public void deleteObjects(RequestContext context, String namespace) {
        access.repository.removeObjects(forDeletion(context, namespace, null).namespace());
    }

    @Override
    public void deleteProperties(RequestContext context, String namespace) {
        access.repository.removeProperties(forDeletion(context, namespace, null).namespace());
    }

    @Override
    public void deleteTags(RequestContext context, String namespace) {
        access.repository.removeTags(
                forDeletion(context, namespace, "delete_metadef_tags").namespace());
    }

    private MetadefNamespace forDeletion(RequestContext context, String namespace, String extraRule) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.enter(policy, namespace, "delete_metadef_namespace");
        if (extraRule != null) {
            policy.enforce(extraRule, ns);
        }
        MetadefAccess.requireUnprotected(ns, "Metadata definition namespace " + namespace);
        return ns;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
