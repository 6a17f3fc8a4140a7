package org.glance4j.core.policy;

import java.util.HashMap;
import java.util.Map;
import org.glance4j.ports.model.Image;

/**
 * The policy targets Glance builds for images: an existing image exposes its attributes and custom properties,
 * with {@code project_id} standing for the owner and {@code member_id} for the caller's membership (the caller's
 * project when it is a member of the image, otherwise absent-as-None); a proposed image (create) exposes
 * {@code project_id}, {@code owner} and {@code visibility} only.
 */
public final class ImageTargets {

    private ImageTargets() {}

    /** The target of an existing image. {@code memberId} is the caller's project if it is a member, else null. */
    public static Map<String, Object> of(Image image, String memberId) {
        Map<String, Object> t = new HashMap<>(image.properties());
        t.put("id", image.id());
        t.put("name", image.name());
        t.put("status", image.status().wireName());
        t.put("visibility", image.visibility().wireName());
        t.put("protected", image.isProtected());
        t.put("os_hidden", image.osHidden());
        t.put("checksum", image.checksum());
        t.put("os_hash_algo", image.osHashAlgo());
        t.put("os_hash_value", image.osHashValue());
        t.put("owner", image.owner());
        t.put("project_id", image.owner());
        t.put("size", image.size());
        t.put("virtual_size", image.virtualSize());
        t.put("container_format", image.containerFormat());
        t.put("disk_format", image.diskFormat());
        t.put("min_disk", image.minDisk());
        t.put("min_ram", image.minRam());
        t.put("tags", image.tags());
        t.put("member", memberId);
        t.put("member_id", memberId);
        t.put("created_at", image.createdAt());
        t.put("updated_at", image.updatedAt());
        return t;
    }

    /** The target of an image a create call proposes. */
    public static Map<String, Object> proposed(String owner, String visibility) {
        Map<String, Object> t = new HashMap<>();
        t.put("project_id", owner);
        t.put("owner", owner);
        t.put("visibility", visibility);
        return t;
    }

    /** The target of a list call: the caller's project. */
    public static Map<String, Object> project(String projectId) {
        Map<String, Object> t = new HashMap<>();
        t.put("project_id", projectId);
        return t;
    }
}
