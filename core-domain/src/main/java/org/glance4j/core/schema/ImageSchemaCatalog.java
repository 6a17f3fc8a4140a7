package org.glance4j.core.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.model.ImageStatus;

/**
 * The definitions of every image property the API knows, in Glance's order: the base properties (with the
 * formats of the settings), the custom properties Glance ships in {@code schema-image.json}, and the rule for
 * any other property (a string). Validation and the published schemas both read them from here.
 */
public final class ImageSchemaCatalog {

    /** The pattern of image ids (a UUID in any case). */
    public static final String UUID_PATTERN =
            "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$";

    /** The longest name, tag and property key. */
    public static final int MAX_NAME_LENGTH = 255;

    private final Map<String, PropertyDefinition> base;
    private final Map<String, PropertyDefinition> custom;
    private final PropertyDefinition additional;

    public ImageSchemaCatalog(CoreSettings settings) {
        this.base = defineBase(settings);
        this.custom = defineCustom();
        this.additional = PropertyDefinition.of("(additional)", null, "string");
    }

    /** The base properties, by name, in schema order. */
    public Map<String, PropertyDefinition> baseProperties() {
        return base;
    }

    /** The custom properties with a definition of their own, by name. */
    public Map<String, PropertyDefinition> customProperties() {
        return custom;
    }

    /** The rule for properties without a definition. */
    public PropertyDefinition additionalProperties() {
        return additional;
    }

    public boolean isBase(String name) {
        return base.containsKey(name);
    }

    /** The definition that governs a property of this name. */
    public PropertyDefinition definitionOf(String name) {
        PropertyDefinition d = base.get(name);
        if (d == null) {
            d = custom.get(name);
        }
        return d == null ? additional : d;
    }

    /** Every defined property, base first, for the schema document. */
    public Map<String, PropertyDefinition> allDefined() {
        Map<String, PropertyDefinition> all = new LinkedHashMap<>(base);
        all.putAll(custom);
        return all;
    }

    private static Map<String, PropertyDefinition> defineBase(CoreSettings settings) {
        Map<String, PropertyDefinition> m = new LinkedHashMap<>();
        put(m, PropertyDefinition.of("id", "The image's identifier.", "string").withPattern(UUID_PATTERN));
        put(
                m,
                PropertyDefinition.of("name", "A name for the image, for people.", "null", "string")
                        .withMaxLength(MAX_NAME_LENGTH));
        put(
                m,
                PropertyDefinition.of("status", "Where the image is in its lifecycle.", "string")
                        .asReadOnly()
                        .withAllowed(statuses()));
        put(
                m,
                PropertyDefinition.of("visibility", "Who can see the image.", "string")
                        .withAllowed(List.of("community", "public", "private", "shared")));
        put(m, PropertyDefinition.of("protected", "When true, the image cannot be deleted.", "boolean"));
        put(m, PropertyDefinition.of("os_hidden", "When true, the image is left out of default lists.", "boolean"));
        put(
                m,
                PropertyDefinition.of("checksum", "MD5 digest of the image data.", "null", "string")
                        .asReadOnly()
                        .withMaxLength(32));
        put(
                m,
                PropertyDefinition.of("os_hash_algo", "The algorithm of os_hash_value.", "null", "string")
                        .asReadOnly()
                        .withMaxLength(64));
        put(
                m,
                PropertyDefinition.of("os_hash_value", "Digest of the image data, by os_hash_algo.", "null", "string")
                        .asReadOnly()
                        .withMaxLength(128));
        put(
                m,
                PropertyDefinition.of("owner", "The project that owns the image.", "null", "string")
                        .withMaxLength(MAX_NAME_LENGTH));
        put(
                m,
                PropertyDefinition.of("size", "Size of the image data in bytes.", "null", "integer")
                        .asReadOnly());
        put(
                m,
                PropertyDefinition.of("virtual_size", "Virtual size of the disk in bytes.", "null", "integer")
                        .asReadOnly());
        put(
                m,
                PropertyDefinition.of("container_format", "How the image data is packaged.", "null", "string")
                        .withAllowed(withNull(settings.containerFormats())));
        put(
                m,
                PropertyDefinition.of("disk_format", "The format of the disk image.", "null", "string")
                        .withAllowed(withNull(settings.diskFormats())));
        put(
                m,
                PropertyDefinition.of("created_at", "When the image was registered.", "string")
                        .asReadOnly());
        put(
                m,
                PropertyDefinition.of("updated_at", "When the image last changed.", "string")
                        .asReadOnly());
        put(
                m,
                PropertyDefinition.of("tags", "Free-form labels of the image.", "array")
                        .withItems(PropertyDefinition.of("tag", null, "string").withMaxLength(MAX_NAME_LENGTH)));
        put(
                m,
                PropertyDefinition.of("direct_url", "Where the data lives in its store.", "string")
                        .asReadOnly());
        put(m, PropertyDefinition.of("min_ram", "Memory (MB) needed to boot the image.", "integer"));
        put(m, PropertyDefinition.of("min_disk", "Disk space (GB) needed to boot the image.", "integer"));
        put(m, PropertyDefinition.of("self", "The URL of this image.", "string").asReadOnly());
        put(
                m,
                PropertyDefinition.of("file", "The URL of the image data.", "string")
                        .asReadOnly());
        put(
                m,
                PropertyDefinition.of("stores", "Comma-separated ids of the stores holding the data.", "string")
                        .asReadOnly());
        put(
                m,
                PropertyDefinition.of("schema", "The URL of the image schema.", "string")
                        .asReadOnly());
        put(
                m,
                PropertyDefinition.of("locations", "URLs of the image data in external stores.", "array")
                        .withExtra(Map.of("items", locationItem())));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, PropertyDefinition> defineCustom() {
        Map<String, PropertyDefinition> m = new LinkedHashMap<>();
        put(
                m,
                PropertyDefinition.of(
                                "kernel_id",
                                "Id of the image to boot as kernel of an AMI-style image.",
                                "null",
                                "string")
                        .withPattern(UUID_PATTERN)
                        .asCustom());
        put(
                m,
                PropertyDefinition.of(
                                "ramdisk_id",
                                "Id of the image to boot as ramdisk of an AMI-style image.",
                                "null",
                                "string")
                        .withPattern(UUID_PATTERN)
                        .asCustom());
        put(
                m,
                PropertyDefinition.of(
                                "instance_uuid", "The instance this image was taken from (informational).", "string")
                        .asCustom());
        put(
                m,
                PropertyDefinition.of("architecture", "CPU architecture the image runs on.", "string")
                        .asCustom());
        put(
                m,
                PropertyDefinition.of("os_distro", "Short name of the operating system distribution.", "string")
                        .asCustom());
        put(
                m,
                PropertyDefinition.of(
                                "os_version", "Version of the operating system, as its vendor writes it.", "string")
                        .asCustom());
        put(
                m,
                PropertyDefinition.of("description", "A description of the image, for people.", "string")
                        .asCustom());
        put(
                m,
                PropertyDefinition.of(
                                "cinder_encryption_key_id",
                                "Key manager id of the key Block Storage uses for volumes made from this image.",
                                "string")
                        .asCustom());
        put(
                m,
                PropertyDefinition.of(
                                "cinder_encryption_key_deletion_policy",
                                "When the key named by cinder_encryption_key_id is deleted.",
                                "string")
                        .withAllowed(List.of("on_image_deletion", "do_not_delete"))
                        .asCustom());
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> locationItem() {
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put(
                "description",
                "Values for checksum and hashes of the image; they must equal the image's"
                        + " own unless it is queued.");
        validation.put("type", "object");
        validation.put("writeOnly", true);
        validation.put("additionalProperties", false);
        Map<String, Object> vprops = new LinkedHashMap<>();
        vprops.put("checksum", Map.of("type", "string", "minLength", 32, "maxLength", 32));
        vprops.put("os_hash_algo", Map.of("type", "string", "maxLength", 64));
        vprops.put("os_hash_value", Map.of("type", "string", "maxLength", 128));
        validation.put("properties", vprops);
        validation.put("required", List.of("os_hash_algo", "os_hash_value"));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("url", Map.of("type", "string", "maxLength", 255));
        props.put("metadata", Map.of("type", "object"));
        props.put("validation_data", validation);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "object");
        item.put("properties", props);
        item.put("required", List.of("url", "metadata"));
        return item;
    }

    private static List<Object> statuses() {
        List<Object> out = new ArrayList<>();
        for (ImageStatus s : List.of(
                ImageStatus.QUEUED,
                ImageStatus.SAVING,
                ImageStatus.ACTIVE,
                ImageStatus.KILLED,
                ImageStatus.DELETED,
                ImageStatus.UPLOADING,
                ImageStatus.IMPORTING,
                ImageStatus.PENDING_DELETE,
                ImageStatus.DEACTIVATED)) {
            out.add(s.wireName());
        }
        return out;
    }

    private static List<Object> withNull(List<String> values) {
        List<Object> out = new ArrayList<>();
        out.add(null);
        out.addAll(values);
        return out;
    }

    private static void put(Map<String, PropertyDefinition> m, PropertyDefinition d) {
        m.put(d.name(), d);
    }
}
