package org.glance4j.ports.out.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One part of an object written with {@link ImageStore#writeComposed(String, java.util.List)}: its size, a way to
 * read it, and, when the part is a file on the server's local disk, that file.
 *
 * @param size      the number of bytes of the part; not negative. A stream of the part that ends before this many
 *                  bytes fails the compose; bytes after them are not read.
 * @param opener    opens a fresh stream of the part from its first byte each time it is called (a store may call it
 *                  more than once, from several threads, e.g. to send a part in pieces or to retry). The store
 *                  closes what it opens. An exception of the opener or of its stream fails the whole compose (see
 *                  {@link ImageStore#writeComposed(String, java.util.List)}). Opening should be cheap, and skipping
 *                  in the stream should not read the skipped bytes (a {@code FileInputStream} seeks).
 * @param localFile the file that holds exactly the part's bytes, when there is one: a store that declares
 *                  {@link StoreCapability#COMPOSE} may take it over (move it into its own storage, so it no longer
 *                  exists at this path) instead of reading it. Empty when the part is not a local file.
 */
public record ImagePart(long size, Supplier<InputStream> opener, Optional<Path> localFile) {
    public ImagePart {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        Objects.requireNonNull(opener, "opener");
        Objects.requireNonNull(localFile, "localFile");
    }
}
