package org.glance4j.ports.out.store;

import java.io.InputStream;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;

/**
 * Where image bytes live: one configured store (an operator's {@code enabled_backends} entry). A store sees
 * bytes, never policy: the core computes checksums, enforces size limits and inspects formats before and while
 * it calls a store, once for every store. Implementations are thread-safe and never hold an image in memory.
 *
 * <p>Errors are {@link GlanceException}s: {@code NOT_FOUND} for a location that holds nothing,
 * {@code RANGE_NOT_SATISFIABLE} for a range that starts past the end, {@code TOO_LARGE} when the backend is full,
 * {@code UNAVAILABLE} when the backend refuses or cannot be reached (with the store id in the message),
 * {@link UnsupportedStoreOperationException} for an operation missing from {@link #capabilities()}.
 *
 * <p>Growth rule: keep this interface minimal, so that a new backend stays a small job. Build conveniences as
 * default methods over these primitives, and add every new method to the contract kit in the same change.
 */
public interface ImageStore extends AutoCloseable {

    /** The operator's id for this store (e.g. {@code fast}, {@code ceph1}). */
    String id();

    /** What this store can do. Constant over the store's life. */
    Set<StoreCapability> capabilities();

    /**
     * Writes the bytes of an image until {@code data} ends, and returns where they went and how many there were.
     * The write is all or nothing: if {@code data} throws, or the store fails, nothing readable is left behind
     * and the exception propagates (an {@link java.io.IOException} from {@code data} arrives wrapped in an
     * {@link java.io.UncheckedIOException}). A location is never served before its write completed.
     *
     * @param imageId      the image the bytes belong to; a store may use it to name the object
     * @param data         the bytes; read to its end, not closed by the store
     * @param expectedSize the size the caller announced, or -1 when unknown; a hint only (the core checks sizes)
     */
    StoredObject write(String imageId, InputStream data, long expectedSize);

    /**
     * Writes one object whose bytes are the bytes of {@code parts} in order, with the all-or-nothing promise of
     * {@link #write(String, InputStream, long)}. A store declaring {@link StoreCapability#COMPOSE} assembles the parts
     * natively and may send them in parallel; it may move a part's {@link ImagePart#localFile()} into its own storage
     * (the file then no longer exists at that path). The caller has already checked sizes, hashes and formats. The
     * default streams the parts' concatenation, each opened in turn, through {@link #write}.
     *
     * @param imageId the image the bytes belong to
     * @param parts   the parts in order; may be empty (a zero-byte object)
     */
    default StoredObject writeComposed(String imageId, java.util.List<ImagePart> parts) {
        long total = 0;
        for (ImagePart part : parts) {
            total += part.size();
        }
        java.util.Iterator<ImagePart> next = parts.iterator();
        java.util.Enumeration<InputStream> streams = new java.util.Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return next.next().opener().get();
            }
        };
        try (InputStream concatenation = new java.io.SequenceInputStream(streams)) {
            return write(imageId, concatenation, total);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Opens the object at {@code location} for reading, whole ({@code range} null) or one byte range (asked of the
     * backend, not served by skipping). The caller closes the stream.
     */
    InputStream read(String location, ByteRange range);

    /** The size in bytes of the object at {@code location}. */
    long size(String location);

    /**
     * Deletes the object at {@code location}.
     *
     * @return true when something was deleted, false when the location already held nothing
     */
    boolean delete(String location);

    /**
     * Deletes what writes of {@code imageId} left behind when their writer died before they completed (a crashed
     * node's partial data), leaving alone every completed object and every write still running, in this process
     * or another. Called when the upload's node is known to be dead; safe to call when nothing is left.
     * The default does nothing, for a store that keeps no partial data or cannot tell a dead write from a live one.
     *
     * @return how many leftovers were deleted
     */
    default int deleteAbandonedWrites(String imageId) {
        return 0;
    }

    /** Releases what the store holds (connections, threads). The default does nothing. */
    @Override
    default void close() {}

    /** Throws the standard refusal unless this store declares {@code capability}. */
    default void require(StoreCapability capability) {
        if (!capabilities().contains(capability)) {
            throw new UnsupportedStoreOperationException(id(), capability);
        }
    }
}
