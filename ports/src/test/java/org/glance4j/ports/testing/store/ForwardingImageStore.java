package org.glance4j.ports.testing.store;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/**
 * A store that hands every call to another one. Tests extend it and override only the call they want to watch or
 * break (a gate before writing, a failing write, a recording of reads), instead of writing the delegation again.
 */
public abstract class ForwardingImageStore implements ImageStore {
    protected final ImageStore delegate;

    protected ForwardingImageStore(ImageStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public StoredObject write(String imageId, InputStream data, long expectedSize) {
        return delegate.write(imageId, data, expectedSize);
    }

    /**
     * The delegate's own compose when it declares {@link StoreCapability#COMPOSE}; otherwise the default, through
     * this store's {@link #write}, so that a test overriding {@code write} sees composed writes too.
     */
    @Override
    public StoredObject writeComposed(String imageId, List<ImagePart> parts) {
        if (delegate.capabilities().contains(StoreCapability.COMPOSE)) {
            return delegate.writeComposed(imageId, parts);
        }
        return ImageStore.super.writeComposed(imageId, parts);
    }

    @Override
    public InputStream read(String location, ByteRange range) {
        return delegate.read(location, range);
    }

    @Override
    public long size(String location) {
        return delegate.size(location);
    }

    @Override
    public boolean delete(String location) {
        return delegate.delete(location);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
