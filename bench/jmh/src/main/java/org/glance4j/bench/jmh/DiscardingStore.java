package org.glance4j.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/** A store that reads every byte it is given and keeps none: what is timed is the core's side of an upload. */
final class DiscardingStore implements ImageStore {

    private static final int BUFFER = 1 << 20;

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
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try {
            int n;
            while ((n = data.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StoredObject("discard://" + imageId, total);
    }

    @Override
    public InputStream read(String location, ByteRange range) {
        throw GlanceException.notFound("the benchmark store keeps nothing");
    }

    @Override
    public long size(String location) {
        throw GlanceException.notFound("the benchmark store keeps nothing");
    }

    @Override
    public boolean delete(String location) {
        return false;
    }
}
