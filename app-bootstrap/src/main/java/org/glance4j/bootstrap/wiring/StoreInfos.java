package org.glance4j.bootstrap.wiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.glance4j.bootstrap.config.GlanceOptions;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.ports.model.StoreInfo;

/**
 * What {@code /v2/info/stores} tells about each configured store, from its section: {@code store_description},
 * {@code weight}, the type, whether it only reads ({@code http}), and the detail properties Glance shows for the
 * type ({@code data_dir}, {@code chunk_size} and {@code thin_provisioning} for {@code file}; none for the others
 * yet). The core adds the default flag, and marks read-only any store that cannot write.
 */
public final class StoreInfos {

    private StoreInfos() {
    }

    /** The infos by store id, in configuration order. */
    public static Map<String, StoreInfo> of(List<StoreConfig> stores) {
        Map<String, StoreInfo> infos = new LinkedHashMap<>();
        for (StoreConfig store : stores) {
            infos.put(store.id(), new StoreInfo(store.id(), store.description(), false, store.type().equals("http"),
                    store.weight(), store.type(), properties(store)));
        }
        return infos;
    }

    private static Map<String, Object> properties(StoreConfig store) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (store.type().equals("file")) {
            Map<String, String> options = store.options();
            properties.put("data_dir", options.get(GlanceOptions.FILESYSTEM_STORE_DATADIR.name()));
            properties.put("chunk_size", integer(options.get(GlanceOptions.FILESYSTEM_STORE_CHUNK_SIZE.name()),
                    GlanceOptions.FILESYSTEM_STORE_CHUNK_SIZE.defaultText()));
            properties.put("thin_provisioning", bool(options.get(GlanceOptions.FILESYSTEM_THIN_PROVISIONING.name())));
        }
        return properties;
    }

    /** The store factory has already refused a value that does not parse, so only the default is left to read. */
    private static Object integer(String text, String defaultText) {
        String value = text == null || text.isBlank() ? defaultText : text.strip();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static boolean bool(String text) {
        return text != null && Set.of("true", "1", "on", "yes").contains(text.strip().toLowerCase(Locale.ROOT));
    }
}
