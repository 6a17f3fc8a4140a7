package org.example.glance4j.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.ImageStoreContractTest;
import org.junit.jupiter.api.io.TempDir;

/** The glance4j contract kit against the directory store, found the way the server finds it. */
class DirectoryStoreContractTest extends ImageStoreContractTest {
    @TempDir
    Path tempDir;

    private Path directory;

    @Override
    protected ImageStore createStore(String storeId) {
        directory = tempDir.resolve("images");
        ImageStoreFactory factory = ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.type().equals("directory")).findFirst()
                .orElseThrow();
        return factory.create(storeId, Map.of(DirectoryImageStoreFactory.PATH.name(), directory.toString()));
    }

    /** Every file in the directory, temporary files included. */
    @Override
    protected long storedObjectCount() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Override
    protected boolean expectsCapability(StoreCapability capability) {
        return capability != StoreCapability.COMPOSE; // composes through the SPI's default
    }

    /** Moves the directory away: every call must then fail with UNAVAILABLE naming the store. */
    @Override
    protected boolean breakBackend() throws IOException {
        Files.move(directory, tempDir.resolve("gone"));
        return true;
    }
}
