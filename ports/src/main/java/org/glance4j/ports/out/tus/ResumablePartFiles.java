package org.glance4j.ports.out.tus;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.glance4j.ports.error.GlanceException;

/**
 * The bytes of resumable uploads, one part file per upload id, kept in storage every node shares (the staging
 * area). A part file only grows, by appends at its current end; its size is the number of bytes acknowledged to the
 * client, and an append returns only once its bytes are durable (written to stable storage), so that a crash or a
 * restart loses no acknowledged byte.
 *
 * <p>Implementations are thread-safe and safe between processes sharing the storage: two appends to the same part
 * never interleave (the second waits or finds the offset moved). A part that does not exist is never an error for
 * the queries ({@link #size}, {@link #open}, {@link #localPath} answer empty, {@link #delete} false). An id that
 * cannot name a file (empty, with a path separator, starting with a dot) is {@code INVALID}; an
 * {@link java.io.IOException} of the storage is thrown as {@link java.io.UncheckedIOException}; a full disk is
 * {@code TOO_LARGE}.
 */
public interface ResumablePartFiles {

    /**
     * Creates an empty part file.
     *
     * @throws GlanceException {@code CONFLICT} when the part exists
     */
    void create(String partId);

    /**
     * Appends {@code data}, read to its end, at {@code expectedOffset}, makes the appended bytes durable and returns
     * the part's new size. Before the bytes are made durable {@code beforeCommit} runs; when it throws, the appended
     * bytes are discarded and its exception propagates. When reading {@code data} throws, the bytes read so far are
     * kept (made durable) if {@code keepOnBreak}, else discarded, and the exception propagates.
     *
     * @throws GlanceException {@code NOT_FOUND} when the part does not exist, {@code CONFLICT} when its size is not
     *                         {@code expectedOffset} or another append of it is running
     */
    long append(String partId, long expectedOffset, InputStream data, boolean keepOnBreak, Runnable beforeCommit);

    /** The size of the part, or empty when it does not exist. */
    OptionalLong size(String partId);

    /** Opens the part for reading from its start; empty when it does not exist. The caller closes the stream. */
    Optional<InputStream> open(String partId);

    /**
     * Deletes the part. A failure to delete is logged, not thrown.
     *
     * @return true when the part existed
     */
    boolean delete(String partId);

    /** The local file holding the part (a store may move it into its storage); empty when there is none. */
    Optional<Path> localPath(String partId);
}
