package org.glance4j.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;

/**
 * Writes an image as Glance's v2 serializer renders it: custom properties as top-level keys first, then every
 * base attribute (nulls included), the timestamps, the tags and the {@code self}/{@code file}/{@code schema}
 * links. {@code locations}, {@code direct_url} and {@code stores} appear as the {@link ImageView} says, where
 * Glance puts them: locations and direct_url before the tags, stores last.
 */
final class ImageJson {
    /** Properties Glance keeps for itself and never shows. */
    private static final Set<String> HIDDEN = Set.of("os_glance_stage_host", "os_glance_hash_op_host");
    /** Keys the base attributes use; a custom property of that name could only produce a duplicate key. */
    private static final Set<String> BASE_KEYS = Set.of(
            "name",
            "disk_format",
            "container_format",
            "visibility",
            "size",
            "virtual_size",
            "status",
            "checksum",
            "protected",
            "min_ram",
            "min_disk",
            "owner",
            "os_hidden",
            "os_hash_algo",
            "os_hash_value",
            "id",
            "created_at",
            "updated_at",
            "tags",
            "self",
            "file",
            "schema",
            "locations",
            "direct_url",
            "stores");

    static final String IMAGE_SCHEMA = "/v2/schemas/image";
    static final String IMAGES_SCHEMA = "/v2/schemas/images";

    private ImageJson() {}

    static String href(Image image) {
        return "/v2/images/" + image.id();
    }

    static void write(JsonGenerator g, Image image) throws IOException {
        write(g, image, ImageView.PLAIN);
    }

    static void write(JsonGenerator g, Image image, ImageView view) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, String> p : image.properties().entrySet()) {
            String key = p.getKey();
            if (!HIDDEN.contains(key) && !BASE_KEYS.contains(key)) {
                g.writeStringField(key, p.getValue());
            }
        }
        g.writeStringField("name", image.name());
        g.writeStringField("disk_format", image.diskFormat());
        g.writeStringField("container_format", image.containerFormat());
        g.writeStringField("visibility", image.visibility().wireName());
        writeLong(g, "size", image.size());
        writeLong(g, "virtual_size", image.virtualSize());
        g.writeStringField("status", image.status().wireName());
        g.writeStringField("checksum", image.checksum());
        g.writeBooleanField("protected", image.isProtected());
        g.writeNumberField("min_ram", image.minRam());
        g.writeNumberField("min_disk", image.minDisk());
        g.writeStringField("owner", image.owner());
        g.writeBooleanField("os_hidden", image.osHidden());
        g.writeStringField("os_hash_algo", image.osHashAlgo());
        g.writeStringField("os_hash_value", image.osHashValue());
        g.writeStringField("id", image.id());
        g.writeStringField("created_at", GlanceTime.format(image.createdAt()));
        g.writeStringField("updated_at", GlanceTime.format(image.updatedAt()));
        List<ImageLocation> locations = view.showsLocations() || view.showsDirectUrl() || view.showsStores()
                ? view.locationsOf(image)
                : List.of();
        if (view.showsLocations()) {
            writeLocations(g, "locations", locations);
        }
        if (view.showsDirectUrl() && !locations.isEmpty()) {
            g.writeStringField("direct_url", locations.get(0).url());
        }
        g.writeArrayFieldStart("tags");
        for (String tag : image.tags()) {
            g.writeString(tag);
        }
        g.writeEndArray();
        String self = href(image);
        g.writeStringField("self", self);
        g.writeStringField("file", self + "/file");
        g.writeStringField("schema", IMAGE_SCHEMA);
        if (view.showsStores()) {
            String stores = locations.stream()
                    .map(l -> l.metadata().get("store"))
                    .filter(s -> s != null)
                    .collect(Collectors.joining(","));
            if (!stores.isEmpty()) {
                g.writeStringField("stores", stores);
            }
        }
        g.writeEndObject();
    }

    /** A list of locations as Glance shows them: {@code url} and {@code metadata}. */
    static void writeLocations(JsonGenerator g, String name, List<ImageLocation> locations) throws IOException {
        if (name != null) {
            g.writeFieldName(name);
        }
        g.writeStartArray();
        for (ImageLocation location : locations) {
            g.writeStartObject();
            g.writeStringField("url", location.url());
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> m : location.metadata().entrySet()) {
                g.writeStringField(m.getKey(), m.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeLong(JsonGenerator g, String name, Long value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value.longValue());
        }
    }
}
