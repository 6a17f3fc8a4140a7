package org.example.glance4j.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreOption;
import org.glance4j.ports.out.store.StoreOptions;
import org.glance4j.ports.out.store.StoreSection;

/**
 * Builds {@code directory} stores: {@code enabled_backends = mine:directory} and, in section {@code [mine]},
 * {@code directory_store_path = /srv/images}, its one declared option. Listed in
 * {@code META-INF/services/org.glance4j.ports.out.store.ImageStoreFactory}.
 */
public final class DirectoryImageStoreFactory implements ImageStoreFactory {
    public static final StoreOption PATH = StoreOption.required("directory_store_path",
            "Directory of the store's image files; created if missing.").asPath();
    /** What the server checks, reports ("did you mean") and documents for this store's section. */
    public static final StoreOptions OPTIONS = StoreOptions.of(PATH);

    @Override
    public String type() {
        return "directory";
    }

    @Override
    public StoreOptions options() {
        return OPTIONS;
    }

    @Override
    public String summary() {
        return "Images as files in a directory (the example store of docs/writing-a-store.md).";
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        StoreSection section = OPTIONS.read(storeId, options);
        Path directory = section.path(PATH);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw section.invalid(PATH, "names " + directory + ", which cannot be created");
        }
        return new DirectoryImageStore(storeId, directory);
    }
}
