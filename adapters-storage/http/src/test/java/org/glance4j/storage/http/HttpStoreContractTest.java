package org.glance4j.storage.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.ImageStoreContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract kit against the read-only {@code http} store, built through its factory, reading from a local
 * HTTP server that serves ranges. Objects are seeded as files behind the server; writes and deletes must be
 * refused in the standard way; breaking the backend stops the server.
 */
class HttpStoreContractTest extends ImageStoreContractTest {
    @TempDir
    Path tempDir;

    private RangeServingHttpServer server;

    @Override
    protected ImageStore createStore(String storeId) throws IOException {
        server = new RangeServingHttpServer(Files.createDirectories(tempDir.resolve("served")));
        return new HttpImageStoreFactory().create(storeId, Map.of());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected long storedObjectCount() throws IOException {
        try (Stream<Path> files = Files.list(server.dir())) {
            return files.count();
        }
    }

    @Override
    protected boolean expectsCapability(StoreCapability capability) {
        return switch (capability) {
            case READ, READ_RANGE -> true;
            case WRITE, DELETE, COMPOSE -> false;
        };
    }

    @Override
    protected StoredObject seed(String imageId, InputStream data, long size) {
        try {
            long copied = Files.copy(data, server.dir().resolve(imageId));
            return new StoredObject(server.urlOf(imageId), copied);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String locationOfMissingObject() {
        return server.urlOf(newImageId());
    }

    @Override
    protected boolean breakBackend() {
        server.close();
        return true;
    }
}
