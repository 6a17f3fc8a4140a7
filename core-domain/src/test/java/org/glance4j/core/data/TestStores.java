package org.glance4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.ForwardingImageStore;

/** Hand-written stores for the data tests. */
public final class TestStores {

    private TestStores() {}

    /** Wraps a store; its writes announce themselves and wait for a gate before writing. */
    static final class GatedStore extends ForwardingImageStore {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        GatedStore(ImageStore delegate) {
            super(delegate);
        }

        @Override
        public StoredObject write(String imageId, InputStream data, long expectedSize) {
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return delegate.write(imageId, data, expectedSize);
        }
    }

    /** Wraps a store; writes read all the data, then fail with what {@code failure} gives. */
    static final class FailingWriteStore extends ForwardingImageStore {
        private final Supplier<RuntimeException> failure;
        final AtomicLong written = new AtomicLong();

        FailingWriteStore(ImageStore delegate, Supplier<RuntimeException> failure) {
            super(delegate);
            this.failure = failure;
        }

        @Override
        public StoredObject write(String imageId, InputStream data, long expectedSize) {
            try {
                written.set(data.transferTo(OutputStreamDiscard.INSTANCE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw failure.get();
        }
    }

    private static final class OutputStreamDiscard {
        static final java.io.OutputStream INSTANCE = java.io.OutputStream.nullOutputStream();
    }
}
