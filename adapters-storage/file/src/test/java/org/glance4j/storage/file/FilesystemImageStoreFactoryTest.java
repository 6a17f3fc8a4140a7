package org.glance4j.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemImageStoreFactoryTest {
    @TempDir
    Path tempDir;

    @Test
    void theFileTypeIsFoundByServiceLoaderAndBuildsAStore() {
        ImageStoreFactory factory = ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("file"))
                .findFirst()
                .orElseThrow();
        try (ImageStore store = factory.create(
                "local",
                Map.of(
                        "filesystem_store_datadir",
                        tempDir.resolve("images").toString(),
                        "filesystem_store_datadirs",
                        "/ignored:100"))) {
            assertThat(store).isInstanceOf(FilesystemImageStore.class);
            assertThat(store.id()).isEqualTo("local");
            assertThat(((FilesystemImageStore) store).dataDir()).isEqualTo(tempDir.resolve("images"));
        }
    }
}
