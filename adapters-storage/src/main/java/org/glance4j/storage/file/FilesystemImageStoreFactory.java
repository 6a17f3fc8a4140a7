package org.glance4j.storage.file;

import java.lang.System.Logger.Level;
import java.util.Map;

import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;

/**
 * Builds {@code file} stores ({@code enabled_backends = <id>:file}) from glance_store's filesystem options; see
 * {@link FilesystemStoreSettings} for the options it honours. Found through {@link java.util.ServiceLoader}.
 */
public final class FilesystemImageStoreFactory implements ImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "file";

    private static final System.Logger LOG = System.getLogger(FilesystemImageStoreFactory.class.getName());

    /** For {@link java.util.ServiceLoader}. */
    public FilesystemImageStoreFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        for (String option : FilesystemStoreSettings.NOT_HONOURED) {
            if (options.containsKey(option)) {
                LOG.log(Level.WARNING, "Store ''{0}'': option {1} is not supported by glance4j and is ignored",
                        storeId, option);
            }
        }
        return FilesystemImageStore.open(storeId, FilesystemStoreSettings.fromOptions(storeId, options));
    }
}
