package org.glance4j.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ImageStore;

/** The configured stores by id, and the default one that uploads go to (none when no store is configured). */
public final class ImageStores {

    private final Map<String, ImageStore> byId = new LinkedHashMap<>();
    private final ImageStore defaultStore;

    /**
     * @throws IllegalArgumentException when two stores share an id, or {@code defaultStoreId} names none of them
     */
    public ImageStores(List<ImageStore> stores, String defaultStoreId) {
        for (ImageStore store : stores) {
            if (byId.putIfAbsent(store.id(), store) != null) {
                throw new IllegalArgumentException("two stores have the id '" + store.id() + "'");
            }
        }
        if (stores.isEmpty()) {
            defaultStore = null;
        } else {
            String id = defaultStoreId == null && stores.size() == 1 ? stores.get(0).id() : defaultStoreId;
            defaultStore = byId.get(id);
            if (defaultStore == null) {
                throw new IllegalArgumentException("the default store '" + defaultStoreId
                        + "' is not one of the configured stores " + byId.keySet());
            }
        }
    }

    /** No store: uploads are refused, images without data still work. */
    public static ImageStores none() {
        return new ImageStores(List.of(), null);
    }

    /** The store uploads go to. */
    public ImageStore defaultStore() {
        if (defaultStore == null) {
            throw GlanceException.unavailable("No image store is configured, so image data cannot be stored.",
                    null);
        }
        return defaultStore;
    }

    /** Whether a default store is configured. */
    public boolean hasDefault() {
        return defaultStore != null;
    }

    /** The store with this id, if configured. */
    public Optional<ImageStore> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The ids of the configured stores, in configured order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
