package org.glance4j.bootstrap.wiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.ports.out.store.ImageStoreFactory;

/**
 * What {@code /v2/info/stores} tells about each configured store, from its section: {@code store_description},
 * {@code weight}, the type, and the detail properties its factory gives for it
 * ({@link ImageStoreFactory#detailProperties(String, Map)}). The core adds the default flag, and marks read-only
 * any store that cannot write.
 */
public final class StoreInfos {

    private StoreInfos() {}

    /** The infos by store id, in configuration order. */
    public static Map<String, StoreInfo> of(List<StoreConfig> stores, StoreTypes types) {
        Map<String, StoreInfo> infos = new LinkedHashMap<>();
        for (StoreConfig store : stores) {
            infos.put(
                    store.id(),
                    new StoreInfo(
                            store.id(),
                            store.description(),
                            false,
                            false,
                            store.weight(),
                            store.type(),
                            properties(store, types)));
        }
        return infos;
    }

    /**
     * The disk format each store that sets {@code image_conversion_output_format} keeps images in, by store id
     * (empty in the single-store form).
     */
    public static Map<String, String> outputFormats(List<StoreConfig> stores) {
        Map<String, String> formats = new LinkedHashMap<>();
        for (StoreConfig store : stores) {
            if (store.outputFormat() != null) {
                formats.put(store.id(), store.outputFormat());
            }
        }
        return formats;
    }

    /** The infos with the store types of the class path. */
    public static Map<String, StoreInfo> of(List<StoreConfig> stores) {
        return of(stores, StoreTypes.classPath());
    }

    /** A section the factory cannot read shows no properties; opening the store reports what is wrong. */
    private static Map<String, Object> properties(StoreConfig store, StoreTypes types) {
        return types.factory(store.type())
                .map(factory -> {
                    try {
                        return new LinkedHashMap<>(
                                factory.detailProperties(store.id(), StoreSections.ownOptions(store)));
                    } catch (RuntimeException e) {
                        return new LinkedHashMap<String, Object>();
                    }
                })
                .orElseGet(LinkedHashMap::new);
    }
}
