package org.glance4j.bootstrap.api;

import java.io.InputStream;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.testing.store.ForwardingImageStore;

/**
 * A store type that exists only on the test class path ({@value #TYPE}): the real file store (the factory of type
 * {@code file}, built with the same options), which counts how often each location is opened for reading, so that a
 * test can tell whether an answer came from the store or from a cache in front of the server. The counts are kept
 * per location for the whole test run; locations hold the image id, and ids are never used twice.
 */
public final class CountingStoreFactory implements ImageStoreFactory {
    static final String TYPE = "test-counting";

    private static final Map<String, AtomicInteger> READS = new ConcurrentHashMap<>();

    public CountingStoreFactory() {}

    /** How often the data of image {@code imageId} was opened for reading, whole or a range. */
    static int reads(String imageId) {
        return READS.entrySet().stream()
                .filter(e -> e.getKey().contains(imageId))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        ImageStoreFactory file = ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("file"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no file store on the class path"));
        return new Counting(file.create(storeId, options));
    }

    private static final class Counting extends ForwardingImageStore {
        Counting(ImageStore delegate) {
            super(delegate);
        }

        @Override
        public InputStream read(String location, ByteRange range) {
            READS.computeIfAbsent(location, l -> new AtomicInteger()).incrementAndGet();
            return delegate.read(location, range);
        }
    }
}
