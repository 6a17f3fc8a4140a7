package org.glance4j.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;

/**
 * The configured stores by id, the default one that uploads go to (none when no store is configured), and what the
 * operator said about each ({@link StoreInfo}: description and weight). Stores configured the multi-store way
 * ({@code enabled_backends}) come with their infos; the single-store form has none and orders nothing.
 */
public final class ImageStores {

    private final Map<String, ImageStore> byId = new LinkedHashMap<>();
    private final Map<String, StoreInfo> infos = new LinkedHashMap<>();
    private final Map<String, String> outputFormats = new LinkedHashMap<>();
    private final ImageStore defaultStore;
    private final boolean multiple;

    /**
     * The single-store form: no infos, no ordering by weight.
     *
     * @throws IllegalArgumentException when two stores share an id, or {@code defaultStoreId} names none of them
     */
    public ImageStores(List<ImageStore> stores, String defaultStoreId) {
        this(stores, defaultStoreId, null);
    }

    /**
     * @param storeInfos what the operator configured about each store, by id; null for the single-store form. A
     *                   store without an entry gets {@link StoreInfo#plain}; the default and read-only flags are
     *                   set here from {@code defaultStoreId} and the store's capabilities.
     * @throws IllegalArgumentException when two stores share an id, {@code defaultStoreId} names none of them, or
     *                                  an info names a store that is not configured
     */
    public ImageStores(List<ImageStore> stores, String defaultStoreId, Map<String, StoreInfo> storeInfos) {
        for (ImageStore store : stores) {
            if (byId.putIfAbsent(store.id(), store) != null) {
                throw new IllegalArgumentException("two stores have the id '" + store.id() + "'");
            }
        }
        if (stores.isEmpty()) {
            defaultStore = null;
        } else {
            String id =
                    defaultStoreId == null && stores.size() == 1 ? stores.get(0).id() : defaultStoreId;
            defaultStore = byId.get(id);
            if (defaultStore == null) {
                throw new IllegalArgumentException("the default store '" + defaultStoreId
                        + "' is not one of the configured stores " + byId.keySet());
            }
        }
        multiple = storeInfos != null;
        if (multiple) {
            for (String id : storeInfos.keySet()) {
                if (!byId.containsKey(id)) {
                    throw new IllegalArgumentException("store info for '" + id + "', which is not one of the "
                            + "configured stores " + byId.keySet());
                }
            }
            for (ImageStore store : stores) {
                StoreInfo info = storeInfos.getOrDefault(store.id(), StoreInfo.plain(store.id(), "unknown"));
                boolean readOnly = info.readOnly() || !store.capabilities().contains(StoreCapability.WRITE);
                infos.put(store.id(), info.withDefault(store == defaultStore).withReadOnly(readOnly));
            }
        }
    }

    /**
     * With {@code formats}: the disk format each named store wants its image data in (a store's
     * {@code image_conversion_output_format}); uploads and imports to it are converted ({@link #outputFormatOf}).
     *
     * @throws IllegalArgumentException as the other constructor, or when {@code formats} names a store that is not
     *                                  configured or a format that is not raw, qcow2 or vmdk
     */
    public ImageStores(
            List<ImageStore> stores,
            String defaultStoreId,
            Map<String, StoreInfo> storeInfos,
            Map<String, String> formats) {
        this(stores, defaultStoreId, storeInfos);
        formats.forEach((id, format) -> {
            if (!byId.containsKey(id)) {
                throw new IllegalArgumentException(
                        "output format for '" + id + "', which is not one of the configured stores " + byId.keySet());
            }
            if (!OUTPUT_FORMATS.contains(format)) {
                throw new IllegalArgumentException(
                        "output format '" + format + "' of store '" + id + "' is not one of " + OUTPUT_FORMATS);
            }
            outputFormats.put(id, format);
        });
    }

    /** The disk formats a store may want its data converted to. */
    public static final List<String> OUTPUT_FORMATS = List.of("raw", "qcow2", "vmdk");

    /**
     * The disk format the store {@code storeId} wants image data in, when its operator set one; empty for a store
     * that takes data as it comes (and for an unknown store).
     */
    public Optional<String> outputFormatOf(String storeId) {
        return Optional.ofNullable(outputFormats.get(storeId));
    }

    /** No store: uploads are refused, images without data still work. */
    public static ImageStores none() {
        return new ImageStores(List.of(), null);
    }

    /** The store uploads go to. */
    public ImageStore defaultStore() {
        if (defaultStore == null) {
            throw GlanceException.unavailable("No image store is configured, so image data cannot be stored.", null);
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

    /** Whether the stores are configured the multi-store way ({@code enabled_backends}). */
    public boolean multiple() {
        return multiple;
    }

    /** The infos of every store in configuration order; empty in the single-store form. */
    public List<StoreInfo> infos() {
        return List.copyOf(infos.values());
    }

    /** Every configured store, in configuration order. */
    public List<ImageStore> all() {
        return List.copyOf(byId.values());
    }

    /** The weight of a store; 0 for an unknown store and in the single-store form. */
    public int weightOf(String storeId) {
        StoreInfo info = infos.get(storeId);
        return info == null ? 0 : info.weight();
    }

    /**
     * Locations in the order to show and read them: with multiple stores by store weight, highest first, keeping
     * the recorded order among equal weights (Glance's stable sort); unchanged in the single-store form.
     */
    public List<ImageLocation> inPreferenceOrder(List<ImageLocation> locations) {
        if (!multiple || locations.size() < 2) {
            return locations;
        }
        List<ImageLocation> sorted = new ArrayList<>(locations);
        sorted.sort(Comparator.comparingInt((ImageLocation l) -> weightOf(l.storeId()))
                .reversed());
        return List.copyOf(sorted);
    }

    /** The ids of the configured stores, in configured order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
