package org.glance4j.bootstrap.api.cache;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.testing.store.ForwardingImageStore;

/**
 * A store type that exists only on the test class path ({@value #TYPE}): a real Swift store (the {@code swift}
 * type, built from the same options) that counts the reads asked of it, so that a test sees whether a download
 * reached the store. With {@link #corrupt} set, the bytes it reads have their first byte flipped, as a store
 * returning damaged data would.
 */
public final class CountingStoreFactory implements ImageStoreFactory {
    static final String TYPE = "test-counting-swift";

    /** Reads asked of stores of this type since the last reset. */
    static final AtomicInteger READS = new AtomicInteger();
    /** Whether reads return damaged bytes. */
    static volatile boolean corrupt;

    public CountingStoreFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        for (ImageStoreFactory factory : ServiceLoader.load(ImageStoreFactory.class)) {
            if (factory.type().equals("swift")) {
                return new Counting(factory.create(storeId, options));
            }
        }
        throw new IllegalStateException("no swift store on the class path");
    }

    private static final class Counting extends ForwardingImageStore {
        Counting(ImageStore delegate) {
            super(delegate);
        }

        @Override
        public InputStream read(String location, ByteRange range) {
            READS.incrementAndGet();
            InputStream body = super.read(location, range);
            return corrupt ? new Flipping(body) : body;
        }
    }

    /** Flips the first byte of a stream. */
    private static final class Flipping extends FilterInputStream {
        private boolean flipped;

        Flipping(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && !flipped) {
                b[off] ^= 0x5A;
                flipped = true;
            }
            return n;
        }
    }
}
