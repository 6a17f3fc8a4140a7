package org.glance4j.bootstrap.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One image store as the file describes it, before it is built: an {@code enabled_backends} entry with the options
 * of its section, or the single file store of {@code [glance_store]}.
 *
 * @param id      the store id ({@code fast} in {@code enabled_backends = fast:file}; {@code file} in the
 *                single-store form)
 * @param type    the store type ({@code file}), as written by the operator
 * @param section the section its options come from ({@code fast}, or {@code glance_store})
 * @param options every option of that section, raw text by name, in file order (the store's factory picks its own)
 */
public record StoreConfig(String id, String type, String section, Map<String, String> options) {
    public StoreConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(section, "section");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** True for the single-store form, whose options live in {@code [glance_store]}. */
    public boolean singleStoreForm() {
        return section.equals(GlanceOptions.GLANCE_STORE);
    }

    /** The operator's {@code store_description}, or null when not set or blank. */
    public String description() {
        String text = options.get(GlanceOptions.STORE_DESCRIPTION.name());
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The store's {@code weight} (0 when not set); the loader has checked that it is an integer. */
    public int weight() {
        String text = options.get(GlanceOptions.WEIGHT.name());
        return text == null || text.isBlank() ? 0 : Integer.parseInt(text.strip());
    }

    /**
     * The disk format the store keeps images in ({@code image_conversion_output_format}), or null when not set
     * (or in the single-store form, where it has no effect); the loader has checked the value.
     */
    public String outputFormat() {
        String text = options.get(GlanceOptions.STORE_OUTPUT_FORMAT.name());
        return singleStoreForm() || text == null || text.isBlank() ? null : text.strip();
    }

    /** A copy with one option set. */
    public StoreConfig withOption(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put(name, value);
        return new StoreConfig(id, type, section, copy);
    }
}
