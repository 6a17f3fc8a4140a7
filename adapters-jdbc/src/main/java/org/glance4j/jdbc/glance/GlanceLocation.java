package org.glance4j.jdbc.glance;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One location row of a Glance database ({@code image_locations}, not soft-deleted), as Glance wrote it: the URL
 * (which may carry a store's credentials), its metadata (Glance keeps the store id under {@code store}; values that
 * are not strings are given as JSON text) and its status ({@code active}, {@code pending_delete}, ...).
 */
public record GlanceLocation(String url, Map<String, String> metadata, String status) {
    public GlanceLocation {
        Objects.requireNonNull(url, "url");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metadata));
        status = status == null ? "active" : status;
    }
}
