package org.glance4j.core.image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.Visibility;

/**
 * Turns the body of {@code POST /v2/images} into a new image, in Glance's order: attributes that may never be
 * sent (403), the schema (400), custom keys (400 too long, 403 reserved), the policy with the owner defaulting to
 * the caller's project (403), read-only attributes (403), quotas (413) and what the store can hold (400).
 * Defaults: status queued, visibility shared, not protected, not hidden, min_disk and min_ram 0.
 */
final class NewImageFactory {

    private final ImageRules rules;

    NewImageFactory(ImageRules rules) {
        this.rules = rules;
    }

    Image create(RequestContext context, ImagePolicy policy, Map<String, Object> body, Instant now) {
        if (body == null) {
            throw GlanceException.invalid("Body expected in request.");
        }
        for (String key : body.keySet()) {
            if (ImageRules.DISALLOWED_ON_CREATE.contains(key)) {
                throw ImageRules.readOnly(key);
            }
        }
        body.forEach(rules::validateValue);

        Map<String, Object> base = new LinkedHashMap<>();
        Map<String, Object> custom = new LinkedHashMap<>();
        body.forEach((k, v) -> (rules.catalog().isBase(k) && !k.equals("locations") ? base : custom).put(k, v));
        for (String key : custom.keySet()) {
            ImageRules.validateCustomKey(key);
            if (ImageRules.isReserved(key)) {
                throw ImageRules.reserved(key);
            }
        }

        String owner = base.containsKey("owner") ? (String) base.get("owner") : context.projectId();
        String visibility = base.containsKey("visibility") ? (String) base.get("visibility") : "private";
        policy.addImage(owner, visibility);

        for (String key : base.keySet()) {
            if (ImageRules.READ_ONLY_ON_CREATE.contains(key)) {
                throw ImageRules.readOnly(key);
            }
        }
        if (custom.containsKey("locations")) {
            throw ImageRules.reserved("locations");
        }
        return build(base, custom, owner, now);
    }

    private Image build(Map<String, Object> base, Map<String, Object> custom, String owner, Instant now) {
        String id = base.containsKey("id")
                ? (String) base.get("id")
                : UUID.randomUUID().toString();
        Image.Builder b = Image.builder(id, now).owner(owner);
        if (base.containsKey("name")) {
            b.name((String) base.get("name"));
        }
        if (base.containsKey("visibility")) {
            b.visibility(Visibility.fromWire((String) base.get("visibility")));
        }
        if (base.containsKey("protected")) {
            b.isProtected((Boolean) base.get("protected"));
        }
        if (base.containsKey("os_hidden")) {
            b.osHidden((Boolean) base.get("os_hidden"));
        }
        if (base.containsKey("container_format")) {
            b.containerFormat((String) base.get("container_format"));
        }
        if (base.containsKey("disk_format")) {
            b.diskFormat((String) base.get("disk_format"));
        }
        if (base.containsKey("min_disk")) {
            b.minDisk(ImageRules.nonNegativeInt("min_disk", base.get("min_disk")));
        }
        if (base.containsKey("min_ram")) {
            b.minRam(ImageRules.nonNegativeInt("min_ram", base.get("min_ram")));
        }
        List<String> tags = new ArrayList<>();
        if (base.get("tags") instanceof List<?> list) {
            list.forEach(t -> tags.add((String) t));
        }
        b.tags(tags);
        Map<String, String> properties = new TreeMap<>();
        custom.forEach((k, v) -> {
            if (v != null && !ImageRules.IGNORED_ON_CREATE.contains(k)) {
                properties.put(k, (String) v);
            }
        });
        b.properties(properties);
        Image image = b.build();
        rules.checkPropertyQuota(Map.of(), image.properties());
        rules.checkTagQuota(List.of(), image.tags());
        ImageRules.validateStorable(image);
        return image;
    }
}
