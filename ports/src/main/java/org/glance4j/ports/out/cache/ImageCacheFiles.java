package org.glance4j.ports.out.cache;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.glance4j.ports.out.store.ByteRange;

/**
 * The files of one node's image cache ({@code [DEFAULT] image_cache_dir}): complete copies of image bytes, one per
 * image, and the partial copies being written. A partial copy is never visible as a complete one: a fill is written
 * aside and becomes the cached copy in one atomic step ({@link CacheFill#commit()}), only when the core has verified
 * it. The store decides nothing: the core says what to keep, serve and remove.
 *
 * <p>Implementations are thread-safe, also between processes sharing the directory (the server and an operator's
 * command). Failures of the file system are thrown as {@code GlanceException} with category {@code UNAVAILABLE};
 * an image that is not cached is never an error (empty or false).
 */
public interface ImageCacheFiles {

    /** The size of the complete cached copy of {@code imageId}, or empty when there is none. */
    OptionalLong size(String imageId);

    /**
     * Opens the complete cached copy of {@code imageId}, whole ({@code range} null) or one byte range, as a stream
     * that also implements {@link org.glance4j.ports.model.FileRegion} (so that HTTP can send it without copying).
     * The caller closes it.
     *
     * @return empty when the image is not cached (also when its copy was removed just now)
     */
    Optional<InputStream> open(String imageId, ByteRange range);

    /**
     * Starts writing a copy of {@code imageId}, unless it is cached already or another fill of it (in this process or
     * another) is running or was left behind.
     *
     * @return the fill, or empty when there is nothing to do
     */
    Optional<CacheFill> beginFill(String imageId);

    /**
     * Removes the complete cached copy of {@code imageId}.
     *
     * @return false when there was none
     */
    boolean remove(String imageId);

    /** The images with a complete cached copy, in no particular order. */
    List<String> cachedImageIds();

    /** The bytes of all complete cached copies. */
    long totalSize();

    /**
     * Removes the partial copies last written before {@code olderThan} (fills that stalled or whose writer died).
     *
     * @return how many were removed
     */
    int removeStalledFills(Instant olderThan);

    /**
     * One copy being written. {@link #close()} without {@link #commit()} discards it; closing twice is harmless.
     */
    interface CacheFill extends AutoCloseable {

        /** Appends bytes to the copy. */
        void write(byte[] bytes, int offset, int length);

        /**
         * Makes the copy the cached copy of its image, atomically: from now on {@link ImageCacheFiles#open} serves
         * it.
         *
         * @return its size in bytes
         * @throws org.glance4j.ports.error.GlanceException {@code CONFLICT} when the copy was removed
         *         ({@link ImageCacheFiles#remove}) while it was being written: nothing is cached
         */
        long commit();

        /** Discards the copy unless it was committed. */
        @Override
        void close();
    }
}
