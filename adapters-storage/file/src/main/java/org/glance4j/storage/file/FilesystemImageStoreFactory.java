package org.glance4j.storage.file;

import java.util.LinkedHashMap;
import java.util.Map;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.support.DeclaredImageStoreFactory;

/**
 * Builds {@code file} stores ({@code enabled_backends = <id>:file}) from glance_store's filesystem options; see
 * {@link FilesystemStoreSettings} for the options it honours. Found through {@link java.util.ServiceLoader}.
 */
public final class FilesystemImageStoreFactory extends DeclaredImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "file";

    /** For {@link java.util.ServiceLoader}. */
    public FilesystemImageStoreFactory() {
        super(
                TYPE,
                FilesystemStoreSettings.OPTIONS,
                "Images as files in a local directory (temporary file, fsync, atomic rename; zero-copy reads).");
    }

    /** Glance's detail properties of a file store: its directory, chunk size and thin provisioning. */
    @Override
    public Map<String, Object> detailProperties(String storeId, Map<String, String> options) {
        FilesystemStoreSettings settings = FilesystemStoreSettings.fromOptions(storeId, options);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("data_dir", settings.dataDir().toString());
        properties.put("chunk_size", (long) settings.chunkSize());
        properties.put("thin_provisioning", settings.thinProvisioning());
        return properties;
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        return FilesystemImageStore.open(storeId, FilesystemStoreSettings.fromOptions(storeId, options));
    }
}
