package org.glance4j.core.image;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.glance4j.core.schema.ImageSchemaCatalog;
import org.glance4j.core.schema.JsonTypes;
import org.glance4j.core.schema.PropertyDefinition;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.text.StorableText;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;

/**
 * Glance's rules on image attributes that are not plain schema types: which names are read-only or reserved,
 * the lengths a record can hold, 4-byte characters, non-negative sizes and the property and tag quotas.
 */
public final class ImageRules {

    /** Attributes a create body may never carry (403 before anything else). */
    static final Set<String> DISALLOWED_ON_CREATE = Set.of("direct_url", "self", "file", "schema", "stores");
    /** Base attributes only the server sets (403 on create, after the policy check). */
    static final Set<String> READ_ONLY_ON_CREATE =
            Set.of("created_at", "updated_at", "status", "checksum", "size", "virtual_size");
    /** Accepted in a create body and silently ignored. */
    static final Set<String> IGNORED_ON_CREATE = Set.of("os_hash_algo", "os_hash_value");
    /** Paths a patch may not touch because only the server sets them. */
    static final Set<String> READ_ONLY_IN_PATCH = Set.of(
            "created_at",
            "updated_at",
            "status",
            "checksum",
            "size",
            "virtual_size",
            "direct_url",
            "self",
            "file",
            "schema",
            "id",
            "os_hash_algo",
            "os_hash_value");
    /** Names that are not properties at all. */
    static final Set<String> RESERVED = Set.of("location", "deleted", "deleted_at");
    /** The namespace Glance keeps for itself. */
    static final String RESERVED_NAMESPACE = "os_glance";
    /** Base attributes a client may set, by create or patch. */
    static final Set<String> WRITABLE_BASE = Set.of(
            "id",
            "name",
            "visibility",
            "protected",
            "os_hidden",
            "owner",
            "container_format",
            "disk_format",
            "min_disk",
            "min_ram",
            "tags");
    /** The longest custom property value. */
    public static final int MAX_PROPERTY_VALUE_LENGTH = 65535;

    private final ImageSchemaCatalog catalog;
    private final CoreSettings settings;

    public ImageRules(ImageSchemaCatalog catalog, CoreSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    public ImageSchemaCatalog catalog() {
        return catalog;
    }

    static boolean isReserved(String name) {
        return RESERVED.contains(name) || name.startsWith(RESERVED_NAMESPACE);
    }

    static GlanceException reserved(String name) {
        return GlanceException.forbidden("Attribute '" + name + "' is reserved.");
    }

    static GlanceException readOnly(String name) {
        return GlanceException.forbidden("Attribute '" + name + "' is read-only.");
    }

    /** Schema validation of one property value: {@code INVALID} with the reason. */
    void validateValue(String name, Object value) {
        PropertyDefinition definition = catalog.definitionOf(name);
        String problem = definition.violation(value);
        if (problem != null) {
            throw GlanceException.invalid(
                    "Provided object does not match schema 'image': " + problem + " (property '" + name + "')");
        }
    }

    /** A custom property key: no control characters, at most 255 characters. */
    static void validateCustomKey(String key) {
        StorableText.requireIdentifier("Property name", key);
        if (key.codePointCount(0, key.length()) > ImageSchemaCatalog.MAX_NAME_LENGTH) {
            throw GlanceException.invalid("Custom property should not be greater than 255 characters.");
        }
    }

    /** min_disk and min_ram: a non-negative integer that fits the record. */
    static int nonNegativeInt(String name, Object value) {
        BigInteger v = JsonTypes.integerValue(value);
        if (v == null) {
            throw GlanceException.invalid("Provided object does not match schema 'image': " + JsonTypes.show(value)
                    + " is not of type 'integer' (property '" + name + "')");
        }
        if (v.signum() < 0) {
            throw GlanceException.invalid(
                    "Invalid value '" + v + "' for parameter '" + name + "': Cannot be a negative value.");
        }
        if (v.bitLength() > 31) {
            throw GlanceException.invalid("Invalid value '" + v + "' for parameter '" + name
                    + "': Value is too large (at most " + Integer.MAX_VALUE + ").");
        }
        return v.intValue();
    }

    /**
     * What the store can hold: the characters {@link StorableText} allows (no control characters in the name, the
     * owner, property keys and tags; no NUL in property values), no 4-byte characters in names, keys, values and
     * tags; custom values at most 65535 characters.
     */
    static void validateStorable(Image image) {
        validateStorableChanges(null, image);
    }

    /**
     * As {@link #validateStorable(Image)}, for what {@code after} adds to or changes in {@code before} only (every
     * value when {@code before} is null): a record stored before a rule was tightened keeps its old name, keys and
     * tags through a change of something else, while every value a request sets obeys today's rules.
     */
    static void validateStorableChanges(Image before, Image after) {
        if (before == null || !Objects.equals(before.name(), after.name())) {
            StorableText.requireIdentifier("Name", after.name());
            refuse4Byte("Name", after.name());
        }
        if (before == null || !Objects.equals(before.owner(), after.owner())) {
            StorableText.requireIdentifier("Owner", after.owner());
            refuse4Byte("Owner", after.owner());
        }
        Map<String, String> old = before == null ? Map.of() : before.properties();
        for (Map.Entry<String, String> e : after.properties().entrySet()) {
            if (old.containsKey(e.getKey()) && Objects.equals(old.get(e.getKey()), e.getValue())) {
                continue;
            }
            StorableText.requireIdentifier("Property name", e.getKey());
            StorableText.requireText("Value of property '" + printable(e.getKey()) + "'", e.getValue());
            if (has4Byte(e.getKey())) {
                throw GlanceException.invalid("Property names can't contain 4 byte unicode.");
            }
            refuse4Byte(e.getKey(), e.getValue());
            if (e.getValue().codePointCount(0, e.getValue().length()) > MAX_PROPERTY_VALUE_LENGTH) {
                throw GlanceException.invalid("Value of property '" + e.getKey() + "' is longer than "
                        + MAX_PROPERTY_VALUE_LENGTH + " characters.");
            }
        }
        List<String> oldTags = before == null ? List.of() : before.tags();
        for (String tag : after.tags()) {
            if (!oldTags.contains(tag)) {
                StorableText.requireIdentifier("Tag", tag);
                refuse4Byte("Tag", tag);
            }
        }
    }

    private static String printable(String key) {
        return key.length() > 64 ? key.substring(0, 64) + "..." : key;
    }

    static void refuse4Byte(String what, String value) {
        if (value != null && has4Byte(value)) {
            String title = what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
            throw GlanceException.invalid(title + " can't contain 4 byte unicode characters.");
        }
    }

    static boolean has4Byte(String s) {
        return s.codePoints().anyMatch(Character::isSupplementaryCodePoint);
    }

    /**
     * The property quota, as Glance checks it when a change adds a property: the custom properties outside the
     * reserved {@code os_glance} namespace must not outnumber the quota (negative: unlimited).
     */
    void checkPropertyQuota(Map<String, String> before, Map<String, String> after) {
        int quota = settings.imagePropertyQuota();
        boolean added = after.keySet().stream().anyMatch(k -> !before.containsKey(k));
        if (quota < 0 || !added) {
            return;
        }
        long attempted = after.keySet().stream()
                .filter(k -> !k.startsWith(RESERVED_NAMESPACE))
                .count();
        if (attempted > quota) {
            throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image properties."
                    + " Attempted: " + attempted + ", Maximum: " + quota);
        }
    }

    /** The tag quota, checked when a change adds a tag (negative: unlimited). */
    void checkTagQuota(java.util.List<String> before, java.util.List<String> after) {
        int quota = settings.imageTagQuota();
        boolean added = after.stream().anyMatch(t -> !before.contains(t));
        if (quota >= 0 && added && after.size() > quota) {
            throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image tags."
                    + " Attempted: " + after.size() + ", Maximum: " + quota);
        }
    }
}
