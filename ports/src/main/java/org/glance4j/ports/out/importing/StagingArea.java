package org.glance4j.ports.out.importing;

import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The staging area of imports ({@code os_glance_staging_store}): at most one piece of staged data per image, keyed
 * by the image id. Data is written all or nothing: a reader sees either no data or the whole of one write, never a
 * partial one, also while {@link #replace} runs.
 *
 * <p>The staging area decides nothing: the core caps sizes (by wrapping the stream it hands over), checks formats
 * and says when to delete. An exception thrown while reading the given stream (a {@code GlanceException} of the
 * core, such as a size cap) is propagated unchanged and leaves nothing behind; an {@link java.io.IOException} of
 * the stream or of the staging area's own storage is thrown as {@link java.io.UncheckedIOException}. A full disk is
 * a {@code GlanceException} with category {@code TOO_LARGE}. An image id that cannot name staged data (empty, with a
 * path separator, starting with a dot) is refused with category {@code INVALID}.
 *
 * <p>Implementations are thread-safe. Data of an image that is not staged is never an error: the queries answer
 * false or empty, {@link #delete} answers false.
 */
public interface StagingArea {

    /**
     * Stages {@code data}, read to its end, as the data of {@code imageId}.
     *
     * @return the number of bytes staged
     * @throws org.glance4j.ports.error.GlanceException {@code CONFLICT} when the image already has staged data (also
     *         when a concurrent write of it finished first), {@code TOO_LARGE} when the storage is full
     */
    long write(String imageId, InputStream data);

    /**
     * Replaces the staged data of {@code imageId} with {@code data}, read to its end, in one atomic step once it is
     * all written (an import plugin's result, such as decompressed data). On failure the old data stays.
     *
     * @return the number of bytes staged
     * @throws org.glance4j.ports.error.GlanceException {@code NOT_FOUND} when the image has no staged data,
     *         {@code TOO_LARGE} when the storage is full
     */
    long replace(String imageId, InputStream data);

    /** Whether {@code imageId} has staged data. */
    boolean has(String imageId);

    /** The size in bytes of the staged data of {@code imageId}, or empty when it has none. */
    OptionalLong size(String imageId);

    /**
     * Opens the staged data of {@code imageId} for reading, from any position (format inspection reads a few
     * regions; an upload to the stores reads it all). The caller closes it.
     *
     * @return empty when the image has no staged data
     */
    Optional<SeekableByteChannel> open(String imageId);

    /**
     * Deletes the staged data of {@code imageId} and anything the staging area keeps for it (partial writes, work
     * files of tools). Never fails for want of data; a failure to delete is logged, not thrown.
     *
     * @return true when the image had staged data
     */
    boolean delete(String imageId);

    /**
     * The local file holding the staged data of {@code imageId}, for a tool that needs a file (such as
     * {@code qemu-img}); the core itself never uses it.
     *
     * @return empty when the image has no staged data or the staging area keeps none of it in a local file
     */
    Optional<Path> localPath(String imageId);
}
