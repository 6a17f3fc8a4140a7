package org.glance4j.ports.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an operator configured about one image store, as {@code GET /v2/info/stores} and its {@code /detail}
 * show it: the store's id ({@code enabled_backends}), its {@code store_description} (null when not set), whether
 * it is the {@code default_backend}, whether it only serves reads (an {@code http} store, or any store that cannot
 * write), its {@code weight} (downloads prefer the location in the store of highest weight), its type
 * ({@code file}, {@code s3}, ...) and the type-specific properties the detail view lists (values are
 * {@link String}, {@link Long}, {@link Integer} or {@link Boolean}; insertion order is kept).
 */
public record StoreInfo(
        String id,
        String description,
        boolean isDefault,
        boolean readOnly,
        int weight,
        String type,
        Map<String, Object> properties) {

    public StoreInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A store with nothing configured but its id and type: no description, weight 0, not default, writable. */
    public static StoreInfo plain(String id, String type) {
        return new StoreInfo(id, null, false, false, 0, type, Map.of());
    }

    /** A copy that is (or is not) the default store. */
    public StoreInfo withDefault(boolean isDefaultStore) {
        return new StoreInfo(id, description, isDefaultStore, readOnly, weight, type, properties);
    }

    /** A copy that is (or is not) read-only. */
    public StoreInfo withReadOnly(boolean onlyReads) {
        return new StoreInfo(id, description, isDefault, onlyReads, weight, type, properties);
    }
}
