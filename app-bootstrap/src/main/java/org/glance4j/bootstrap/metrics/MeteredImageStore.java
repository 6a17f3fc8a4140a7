package org.glance4j.bootstrap.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/**
 * An image store that times each operation ({@code glance4j_store_operations_seconds} by store, operation and
 * outcome) and counts errors ({@code glance4j_store_errors_total} by store, operation and category), then does
 * what its store does. A read is timed until the store hands out the stream; the stream itself goes through
 * untouched, so a file region still goes to the socket without a copy.
 */
final class MeteredImageStore implements ImageStore {
    private final ImageStore store;
    private final MeterRegistry registry;

    MeteredImageStore(ImageStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @Override
    public String id() {
        return store.id();
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return store.capabilities();
    }

    @Override
    public StoredObject write(String imageId, InputStream data, long expectedSize) {
        StoredObject stored = timed("write", () -> store.write(imageId, data, expectedSize));
        Counter.builder("glance4j.store.written.bytes")
                .baseUnit("bytes")
                .description("Bytes written to a store")
                .tag("store", store.id())
                .register(registry)
                .increment(stored.size());
        return stored;
    }

    @Override
    public StoredObject writeComposed(String imageId, List<ImagePart> parts) {
        StoredObject stored = timed("write_composed", () -> store.writeComposed(imageId, parts));
        Counter.builder("glance4j.store.written.bytes")
                .baseUnit("bytes")
                .description("Bytes written to a store")
                .tag("store", store.id())
                .register(registry)
                .increment(stored.size());
        return stored;
    }

    @Override
    public InputStream read(String location, ByteRange range) {
        return timed("read", () -> store.read(location, range));
    }

    @Override
    public long size(String location) {
        return timed("size", () -> store.size(location));
    }

    @Override
    public boolean delete(String location) {
        return timed("delete", () -> store.delete(location));
    }

    @Override
    public int deleteAbandonedWrites(String imageId) {
        return timed("delete_abandoned", () -> store.deleteAbandonedWrites(imageId));
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return store.toString();
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "success";
        try {
            return call.get();
        } catch (RuntimeException | Error e) {
            outcome = e instanceof GlanceException g ? g.category().name().toLowerCase(java.util.Locale.ROOT) : "error";
            Counter.builder("glance4j.store.errors")
                    .description("Store operations that failed")
                    .tag("store", store.id())
                    .tag("operation", operation)
                    .tag("category", outcome)
                    .register(registry)
                    .increment();
            throw e;
        } finally {
            Timer.builder("glance4j.store.operations")
                    .description("Store operations by outcome")
                    .tag("store", store.id())
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
