package org.example.glance4j.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;

/**
 * Builds {@code directory} stores: {@code enabled_backends = mine:directory} and, in section {@code [mine]},
 * {@code directory_store_path = /srv/images}. Listed in
 * {@code META-INF/services/org.glance4j.ports.out.store.ImageStoreFactory}.
 */
public final class DirectoryImageStoreFactory implements ImageStoreFactory {
    public static final String PATH_OPTION = "directory_store_path";

    @Override
    public String type() {
        return "directory";
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        String path = options.get(PATH_OPTION);
        if (path == null || path.isBlank()) {
            throw GlanceException.invalid("Store '" + storeId + "': option " + PATH_OPTION + " is required");
        }
        Path directory = Path.of(path.strip()).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw GlanceException.invalid("Store '" + storeId + "': option " + PATH_OPTION + " names " + directory
                    + ", which cannot be created");
        }
        return new DirectoryImageStore(storeId, directory);
    }
}
