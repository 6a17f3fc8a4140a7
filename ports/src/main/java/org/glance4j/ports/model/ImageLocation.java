package org.glance4j.ports.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an image's bytes are kept: a location URI that the store {@code storeId} can read back (e.g.
 * {@code file:///var/lib/glance4j/images/<id>}), and the store's metadata about it.
 */
public record ImageLocation(String url, String storeId, Map<String, String> metadata) {
    public ImageLocation {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(storeId, "storeId");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metadata));
    }
}
