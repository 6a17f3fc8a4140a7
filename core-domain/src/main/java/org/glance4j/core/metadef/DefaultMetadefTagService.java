package org.glance4j.core.metadef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.in.metadef.MetadefTagService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.metadef.MetadefTag;

/** The tags of a namespace: one at a time, many at once (replacing or appending), renames. */
public final class DefaultMetadefTagService implements MetadefTagService {

    private static final String[] READ_ONLY = {"created_at", "updated_at"};
    private static final Set<String> SORT_KEYS = Set.of("name", "created_at", "updated_at");

    private final MetadefAccess access;
    private final NamespacedItems<MetadefTag> tags;

    DefaultMetadefTagService(MetadefAccess access) {
        this.access = access;
        this.tags = new NamespacedItems<>(access, NamespacedItemKind.TAG);
    }

    /**
     * The order of a tag list: the sort key, then the time of creation, then the order of creation (the
     * repository's), all in {@code dir}.
     */
    static Comparator<MetadefTag> order(List<MetadefTag> all, String sortKey, String dir) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            position.put(all.get(i).name(), i);
        }
        Comparator<MetadefTag> order = switch (sortKey) {
            case "name" -> Comparator.comparing(MetadefTag::name);
            case "updated_at" -> Comparator.comparing(MetadefTag::updatedAt);
            default -> Comparator.comparing(MetadefTag::createdAt);
        };
        order = order.thenComparing(MetadefTag::createdAt).thenComparing(t -> position.get(t.name()));
        return dir.equals("desc") ? order.reversed() : order;
    }

    /** A namespace's tags as its tag list gives them by default: newest first, as Glance shows them. */
    static List<MetadefTag> newestFirst(List<MetadefTag> all) {
        List<MetadefTag> sorted = new ArrayList<>(all);
        sorted.sort(order(all, "created_at", "desc"));
        return sorted;
    }

    @Override
    public Map<String, Object> list(RequestContext context, String namespace, ListParameters parameters) {
        String dir = MetadefListChecks.sortDir(parameters);
        MetadefListChecks.visibility(parameters);
        String sortKey = parameters.first("sort_key") == null ? "created_at" : parameters.first("sort_key");
        if (!SORT_KEYS.contains(sortKey)) {
            throw GlanceException.invalid("Invalid sort key: " + sortKey);
        }
        String limitText = parameters.first("limit");
        Integer limit = null;
        if (limitText != null && !limitText.isEmpty()) {
            limit = MetadefListChecks.integer(limitText);
            if (limit < 0) {
                throw GlanceException.invalid("limit param must be positive");
            }
        }
        access.enter(access.policy(context), namespace, "get_metadef_tags");
        List<MetadefTag> all = access.repository.listTags(namespace);
        Comparator<MetadefTag> order = order(all, sortKey, dir);
        String markerName = parameters.first("marker");
        MetadefTag marker = null;
        if (markerName != null && !markerName.isEmpty()) {
            marker = tags.find(namespace, markerName);
        }
        List<MetadefTag> kept = new ArrayList<>();
        for (MetadefTag tag : all) {
            if (marker == null || order.compare(tag, marker) > 0) {
                kept.add(tag);
            }
        }
        kept.sort(order);
        if (limit != null && limit > 0 && kept.size() > limit) {
            kept = kept.subList(0, limit);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tags", kept.stream().map(MetadefJson::tagName).toList());
        return m;
    }

    @Override
    public Map<String, Object> create(RequestContext context, String namespace, String name) {
        Map<String, Object> asBody = new LinkedHashMap<>();
        asBody.put("name", name);
        return tags.create(
                context,
                namespace,
                ns -> access.schemas.validator("tag").validate(asBody),
                now -> new MetadefTag(namespace, name, now, now));
    }

    @Override
    public Map<String, Object> createMany(
            RequestContext context, String namespace, Map<String, Object> body, boolean append) {
        MetadefJson.refuseReadOnly(body, READ_ONLY);
        access.schemas.tagsBodyValidator().validate(body);
        access.enter(access.policy(context), namespace, "add_metadef_tags");
        Instant now = access.now();
        List<MetadefTag> created = MetadefJson.objects(body, "tags").stream()
                .map(t -> new MetadefTag(namespace, MetadefJson.requiredName(t, "name"), now, now))
                .toList();
        for (MetadefTag tag : created) {
            if (tag.name().codePointCount(0, tag.name().length()) > 255) {
                throw GlanceException.invalid("Tag name " + tag.name() + " is longer than 255 characters.");
            }
        }
        access.repository.addTags(namespace, created, append);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tags", created.stream().map(MetadefJson::tagName).toList());
        return m;
    }

    @Override
    public Map<String, Object> get(RequestContext context, String namespace, String name) {
        return tags.get(context, namespace, name);
    }

    @Override
    public Map<String, Object> update(RequestContext context, String namespace, String name, Map<String, Object> body) {
        MetadefJson.refuseReadOnly(body, READ_ONLY);
        access.schemas.validator("tag").validate(body);
        return tags.update(
                context,
                namespace,
                name,
                (current, now) ->
                        new MetadefTag(namespace, MetadefJson.requiredName(body, "name"), current.createdAt(), now));
    }

    @Override
    public void delete(RequestContext context, String namespace, String name) {
        tags.delete(context, namespace, name);
    }
}
