package org.glance4j.core.importing;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.glance4j.ports.model.Image;

/**
 * The image properties of Glance's import machinery, and the comma-separated store lists two of them hold (kept
 * sorted, without empty entries, as Glance writes them).
 */
public final class ImportProperties {

    /** The import lock: the id of the task that holds the image. */
    public static final String LOCK = "os_glance_import_task";
    /** The stores an import is still writing to. */
    public static final String IMPORTING = "os_glance_importing_to_stores";
    /** The stores an import failed to write to. */
    public static final String FAILED = "os_glance_failed_import";
    /** The node that holds an image's staged data (hidden by the API). */
    public static final String STAGE_HOST = "os_glance_stage_host";
    /** The node writing an image's staged data right now; present only while staging runs. */
    public static final String STAGING_NODE = "os_glance_upload_node";

    private ImportProperties() {}

    /** The list property {@code key} of the builder's image with {@code stores} added (or removed). */
    static void merge(Image.Builder image, Image current, String key, Collection<String> stores, boolean remove) {
        TreeSet<String> merged = new TreeSet<>(parse(current.properties().get(key)));
        TreeSet<String> given = stores.stream()
                .filter(Objects::nonNull)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        if (remove) {
            merged.removeAll(given);
        } else {
            merged.addAll(given);
        }
        image.property(key, String.join(",", merged));
    }

    static TreeSet<String> parse(String list) {
        if (list == null || list.isBlank()) {
            return new TreeSet<>();
        }
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
