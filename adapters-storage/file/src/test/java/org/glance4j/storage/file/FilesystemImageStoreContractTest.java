package org.glance4j.storage.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.ImageStoreContractTest;
import org.junit.jupiter.api.io.TempDir;

/** The contract kit against the {@code file} store on a temporary directory, built through its factory. */
class FilesystemImageStoreContractTest extends ImageStoreContractTest {
    @TempDir
    Path tempDir;

    private Path dataDir;

    @Override
    protected ImageStore createStore(String storeId) {
        dataDir = tempDir.resolve("images");
        return new FilesystemImageStoreFactory()
                .create(storeId, Map.of(FilesystemStoreSettings.DATADIR, dataDir.toString()));
    }

    /** Every entry of the data directory, temporary files included. */
    @Override
    protected long storedObjectCount() throws IOException {
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.count();
        }
    }

    @Override
    protected boolean expectsCapability(StoreCapability capability) {
        return switch (capability) {
            case READ, READ_RANGE, WRITE, DELETE, COMPOSE -> true;
        };
    }

    /** Moves the data directory away and puts a regular file in its place (this works as root, too). */
    @Override
    protected boolean breakBackend() throws IOException {
        Files.move(dataDir, tempDir.resolve("moved-away"));
        Files.writeString(dataDir, "not a directory");
        return true;
    }
}
