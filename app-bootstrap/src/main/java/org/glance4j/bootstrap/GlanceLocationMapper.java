package org.glance4j.bootstrap;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.jdbc.glance.GlanceLocation;
import org.glance4j.ports.model.ImageLocation;

/**
 * Turns a location Glance wrote into one of glance4j's: a {@code file://} location goes to the configured file
 * store whose {@code filesystem_store_datadir} is the file's folder; any other location goes to the configured
 * store Glance named in its metadata when that store has the scheme's type, else it is kept under Glance's store
 * id (or the scheme; prefixed {@code unserved-} when a configured store of another kind has that id) and reported. Credentials in a URL ({@code s3://key:secret@host/...}) are always removed.
 */
final class GlanceLocationMapper {

    /** A mapped location and what the operator should hear about it (empty when nothing). */
    record Mapped(ImageLocation location, List<String> problems) {}

    /**
     * Glance's location schemes and the option of Glance's filesystem driver that says where its files are: the
     * language of Glance's database, which this import reads; the server itself names no store type or option.
     */
    private static final String FILE_STORE_DATADIR = "filesystem_store_datadir";

    private static final Map<String, List<String>> SCHEMES_OF_TYPE = Map.of(
            "file", List.of("file", "filesystem"),
            "s3", List.of("s3", "s3+http", "s3+https"),
            "swift", List.of("swift", "swift+http", "swift+https", "swift+config"),
            "http", List.of("http", "https"));

    private static final Map<String, String> TYPE_OF_SCHEME = SCHEMES_OF_TYPE.entrySet().stream()
            .flatMap(type -> type.getValue().stream().map(scheme -> Map.entry(scheme, type.getKey())))
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final List<StoreConfig> stores;

    GlanceLocationMapper(List<StoreConfig> stores) {
        this.stores = List.copyOf(stores);
    }

    Mapped map(GlanceLocation glance) {
        String url = glance.url();
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd > 0 ? url.substring(0, schemeEnd).toLowerCase(Locale.ROOT) : "";
        List<String> problems = new java.util.ArrayList<>();
        String safeUrl = withoutCredentials(url, schemeEnd);
        if (!safeUrl.equals(url)) {
            problems.add("credentials removed from the " + scheme + " location " + safeUrl
                    + " (configure them in the store's section)");
        }
        Map<String, String> metadata = new TreeMap<>(glance.metadata());
        String glanceStore = metadata.get("store");
        String type = TYPE_OF_SCHEME.get(scheme);
        Optional<StoreConfig> store = Optional.empty();
        if ("file".equals(type)) {
            store = fileStoreHolding(safeUrl.substring(schemeEnd + 3));
        } else if (type != null && glanceStore != null) {
            store = stores.stream()
                    .filter(s -> s.id().equals(glanceStore) && s.type().equals(type))
                    .findFirst();
        }
        String storeId;
        if (store.isPresent()) {
            storeId = store.get().id();
        } else {
            storeId = glanceStore != null ? glanceStore : scheme.isEmpty() ? "unknown" : scheme;
            String named = storeId;
            if (stores.stream().anyMatch(s -> s.id().equals(named))) {
                storeId = "unserved-" + storeId; // never hand a location to a configured store that cannot read it
            }
            problems.add("no configured store serves the location " + safeUrl + "; kept under store '" + storeId
                    + "', its data cannot be downloaded until such a store is configured");
        }
        if (store.isPresent() && glanceStore != null && !glanceStore.equals(storeId)) {
            metadata.put("store", storeId);
        }
        return new Mapped(new ImageLocation(safeUrl, storeId, metadata), List.copyOf(problems));
    }

    private Optional<StoreConfig> fileStoreHolding(String path) {
        Path folder;
        try {
            Path file = Path.of(path);
            if (!file.isAbsolute()) {
                return Optional.empty();
            }
            folder = file.normalize().getParent();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        String option = FILE_STORE_DATADIR;
        return stores.stream()
                .filter(s -> s.type().equals("file")
                        && s.options().get(option) != null
                        && Path.of(s.options().get(option).strip())
                                .toAbsolutePath()
                                .normalize()
                                .equals(folder))
                .findFirst();
    }

    /** The URL without a {@code user:password@} part (the last {@code @} ends it, as glance_store reads it). */
    static String withoutCredentials(String url, int schemeEnd) {
        if (schemeEnd <= 0) {
            return url;
        }
        String rest = url.substring(schemeEnd + 3);
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        return url.substring(0, schemeEnd + 3) + rest.substring(at + 1);
    }
}
