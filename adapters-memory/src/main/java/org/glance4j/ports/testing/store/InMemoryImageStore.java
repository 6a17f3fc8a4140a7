package org.glance4j.ports.testing.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/**
 * A reference {@link ImageStore} that keeps objects on the heap, for tests (of the core, of an embedder's code, of
 * the contract kit {@code ImageStoreContractTest} itself, which it passes) and for embedders who want no files
 * (module {@code glance4j-adapters-memory}). Bounded use only: unlike a real store it holds whole images in memory,
 * so it suits small images in tests, never a server. Thread-safe: objects live in a concurrent map, and an object
 * is visible to readers only once written whole. Locations look like
 * {@code memory://<store id>/<image id>}.
 *
 * <p>It can be built with fewer capabilities (to exercise refusals), filled behind its own back with
 * {@link #put(String, byte[])} (to seed a read-only store), and made unavailable with
 * {@link #setUnavailable(boolean)} (to exercise a failing backend).
 */
public final class InMemoryImageStore implements ImageStore {
    /** The location scheme of this store. */
    public static final String SCHEME = "memory";

    private final String id;
    private final Set<StoreCapability> capabilities;
    private final ConcurrentMap<String, byte[]> objects = new ConcurrentHashMap<>();
    private volatile boolean unavailable;

    /**
     * A store that reads, reads ranges, writes and deletes; it composes through the default of
     * {@link ImageStore#writeComposed}, so it does not declare {@link StoreCapability#COMPOSE}.
     */
    public InMemoryImageStore(String id) {
        this(
                id,
                EnumSet.of(
                        StoreCapability.READ,
                        StoreCapability.READ_RANGE,
                        StoreCapability.WRITE,
                        StoreCapability.DELETE));
    }

    /** A store that declares exactly {@code capabilities}. */
    public InMemoryImageStore(String id, Set<StoreCapability> capabilities) {
        this.id = Objects.requireNonNull(id, "id");
        this.capabilities = capabilities.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(StoreCapability.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return capabilities;
    }

    @Override
    public StoredObject write(String imageId, InputStream data, long expectedSize) {
        require(StoreCapability.WRITE);
        checkAvailable();
        String key = checkedImageId(imageId);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        try {
            int n;
            while ((n = data.read(chunk)) >= 0) {
                buffer.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return put(key, buffer.toByteArray());
    }

    /**
     * Stores {@code content} under {@code imageId} without checking capabilities: the back door a test uses to
     * seed a store that does not declare {@link StoreCapability#WRITE}.
     */
    public StoredObject put(String imageId, byte[] content) {
        String key = checkedImageId(imageId);
        if (objects.putIfAbsent(key, content.clone()) != null) {
            throw GlanceException.conflict("Store '" + id + "' already holds data for image " + imageId);
        }
        return new StoredObject(locationOf(key), content.length);
    }

    @Override
    public InputStream read(String location, ByteRange range) {
        require(range == null ? StoreCapability.READ : StoreCapability.READ_RANGE);
        checkAvailable();
        byte[] content = existing(location);
        if (range == null) {
            return new ByteArrayInputStream(content);
        }
        if (range.offset() >= content.length) {
            throw new GlanceException(
                    ErrorCategory.RANGE_NOT_SATISFIABLE,
                    "Range starts at byte " + range.offset() + " of an object of " + content.length + " bytes");
        }
        int length = (int) Math.min(range.length(), content.length - range.offset());
        return new ByteArrayInputStream(content, (int) range.offset(), length);
    }

    @Override
    public long size(String location) {
        require(StoreCapability.READ);
        checkAvailable();
        return existing(location).length;
    }

    @Override
    public boolean delete(String location) {
        require(StoreCapability.DELETE);
        checkAvailable();
        return objects.remove(keyOf(location)) != null;
    }

    /** How many objects the store holds. */
    public int objectCount() {
        return objects.size();
    }

    /** Makes every operation fail with {@code UNAVAILABLE} (true) or work again (false). */
    public void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    private void checkAvailable() {
        if (unavailable) {
            throw GlanceException.unavailable("Store '" + id + "' is unavailable", null);
        }
    }

    private byte[] existing(String location) {
        byte[] content = objects.get(keyOf(location));
        if (content == null) {
            throw GlanceException.notFound("No image data at " + location + " in store '" + id + "'");
        }
        return content;
    }

    private String locationOf(String key) {
        return SCHEME + "://" + id + "/" + key;
    }

    private String keyOf(String location) {
        String prefix = SCHEME + "://" + id + "/";
        if (location == null || !location.startsWith(prefix) || location.length() == prefix.length()) {
            throw GlanceException.invalid("Location " + location + " does not belong to store '" + id + "'");
        }
        return location.substring(prefix.length());
    }

    private String checkedImageId(String imageId) {
        if (imageId == null || imageId.isEmpty() || imageId.contains("/")) {
            throw GlanceException.invalid("Store '" + id + "' cannot name an object after image id " + imageId);
        }
        return imageId;
    }
}
