package org.glance4j.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;

/**
 * Applies validated patch operations to a copy of an image, with Glance's semantics and its policy check per
 * operation: {@code add} sets a base attribute or sets (or overwrites) a custom property; {@code replace} sets a
 * base attribute or an existing custom property (409 when it does not exist); {@code remove} deletes a custom
 * property (409 when missing) and refuses base attributes (403). Only an administrator changes the owner; the
 * formats change only while the image is queued or importing; {@code locations} operations go to the
 * {@link LocationPatcher} (which refuses them while {@code show_multiple_locations} is off).
 */
final class PatchApplier {

    private static final Set<ImageStatus> FORMAT_CHANGE_STATUSES = Set.of(ImageStatus.QUEUED, ImageStatus.IMPORTING);

    private final ImageRules rules;
    private final LocationPatcher locations;

    PatchApplier(ImageRules rules, LocationPatcher locations) {
        this.rules = rules;
        this.locations = locations;
    }

    /** The image with every change applied (timestamps and revision untouched), or the first refusal. */
    Image apply(Image original, String memberId, ImagePolicy policy, List<ImageChange> changes) {
        return apply(original, memberId, policy, changes, CustomPropertyGuard.OPEN);
    }

    /**
     * As {@link #apply(Image, String, ImagePolicy, List)}, asking {@code guard} before each custom property is
     * created, updated or deleted (after the image policies, as Glance's property protections come last).
     */
    Image apply(
            Image original, String memberId, ImagePolicy policy, List<ImageChange> changes, CustomPropertyGuard guard) {
        Image image = original;
        for (ImageChange change : changes) {
            image = applyOne(image, memberId, policy, change, guard);
        }
        rules.checkPropertyQuota(original.properties(), image.properties());
        rules.checkTagQuota(original.tags(), image.tags());
        ImageRules.validateStorableChanges(original, image);
        return image;
    }

    private Image applyOne(
            Image image, String memberId, ImagePolicy policy, ImageChange change, CustomPropertyGuard guard) {
        String root = change.root();
        if (root.equals("locations")) {
            return locations.apply(image, memberId, policy, change.op(), change.path(), change.value());
        }
        if (root.equals("stores")) {
            throw GlanceException.conflict(
                    "Property stores does not exist; stores change through import, copy" + " and the stores API.");
        }
        switch (change.op()) {
            case "replace":
                if (root.equals("owner") && !policy.isAdmin()) {
                    throw GlanceException.forbidden("Owner can't be updated by non admin.");
                }
                policy.updateProperty(image, memberId, root, change.value());
                if (isBaseAttribute(root)) {
                    return setBase(image, root, change.value());
                }
                if (!image.properties().containsKey(root)) {
                    throw missing(root);
                }
                guard.beforeUpdate(root);
                return setCustom(image, root, change.value());
            case "add":
                if (root.equals("owner") && !policy.isAdmin()) {
                    throw GlanceException.forbidden("Owner can't be updated by non admin.");
                }
                policy.updateProperty(image, memberId, root, change.value());
                if (isBaseAttribute(root)) {
                    return setBase(image, root, change.value());
                }
                if (image.properties().containsKey(root)) {
                    guard.beforeUpdate(root);
                } else {
                    guard.beforeCreate(root);
                }
                return setCustom(image, root, change.value());
            default:
                policy.updateProperty(image, memberId, root, null);
                if (isBaseAttribute(root)) {
                    throw GlanceException.forbidden("Property " + root + " may not be removed.");
                }
                if (!image.properties().containsKey(root)) {
                    throw missing(root);
                }
                guard.beforeDelete(root);
                return image.toBuilder().removeProperty(root).build();
        }
    }

    private static boolean isBaseAttribute(String name) {
        return ImageRules.WRITABLE_BASE.contains(name);
    }

    private static Image setBase(Image image, String name, Object value) {
        Image.Builder b = image.toBuilder();
        switch (name) {
            case "name" -> b.name((String) value);
            case "visibility" -> b.visibility(Visibility.fromWire((String) value));
            case "protected" -> b.isProtected((Boolean) value);
            case "os_hidden" -> b.osHidden((Boolean) value);
            case "owner" -> b.owner((String) value);
            case "container_format" -> {
                requireFormatChangeAllowed(image, name);
                b.containerFormat((String) value);
            }
            case "disk_format" -> {
                requireFormatChangeAllowed(image, name);
                b.diskFormat((String) value);
            }
            case "min_disk" -> b.minDisk(ImageRules.nonNegativeInt(name, value));
            case "min_ram" -> b.minRam(ImageRules.nonNegativeInt(name, value));
            case "tags" -> {
                List<String> tags = new ArrayList<>();
                ((List<?>) value).forEach(t -> tags.add((String) t));
                b.tags(tags);
            }
            default -> throw new IllegalStateException("not a writable base attribute: " + name);
        }
        return b.build();
    }

    private static void requireFormatChangeAllowed(Image image, String name) {
        if (!FORMAT_CHANGE_STATUSES.contains(image.status())) {
            throw GlanceException.forbidden("Attribute " + name + " can be only replaced for a queued image.");
        }
    }

    private static Image setCustom(Image image, String key, Object value) {
        if (value == null) {
            // A nullable custom property (kernel_id, ramdisk_id) set to null: the record keeps no null values.
            return image.toBuilder().removeProperty(key).build();
        }
        return image.toBuilder().property(key, (String) value).build();
    }

    private static GlanceException missing(String name) {
        return GlanceException.conflict("Property " + name + " does not exist.");
    }
}
