package org.glance4j.ports.testing.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/**
 * A store with id {@code discard} that reads every byte it is given, in chunks of a fixed size, and keeps nothing
 * but the count of the last write: proves that an upload streams (any size, in a small heap) and leaves the caller's
 * side of an upload alone to be measured. It declares every capability; reading or sizing a location is
 * {@code NOT_FOUND}, deleting one finds nothing.
 */
public final class DiscardingImageStore implements ImageStore {
    private final int chunk;
    private final AtomicLong lastSize = new AtomicLong(-1);

    /** A store that reads with a buffer of {@code chunk} bytes. */
    public DiscardingImageStore(int chunk) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk must be positive");
        }
        this.chunk = chunk;
    }

    /** How many bytes the last write read; -1 before the first one. */
    public long lastSize() {
        return lastSize.get();
    }

    @Override
    public String id() {
        return "discard";
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return EnumSet.allOf(StoreCapability.class);
    }

    @Override
    public StoredObject write(String imageId, InputStream data, long expectedSize) {
        byte[] buffer = new byte[chunk];
        long total = 0;
        try {
            int n;
            while ((n = data.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastSize.set(total);
        return new StoredObject("discard://" + imageId, total);
    }

    @Override
    public InputStream read(String location, ByteRange range) {
        throw GlanceException.notFound("the discarding store keeps nothing");
    }

    @Override
    public long size(String location) {
        throw GlanceException.notFound("the discarding store keeps nothing");
    }

    @Override
    public boolean delete(String location) {
        return false;
    }
}
