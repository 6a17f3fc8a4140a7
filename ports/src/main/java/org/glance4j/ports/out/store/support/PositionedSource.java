package org.glance4j.ports.out.store.support;

import java.io.Closeable;
import java.io.IOException;

/**
 * A backend object that can be read at any position without seeking (a file channel's positioned read,
 * librbd's {@code rbd_read}, a ranged GET). {@link RangeInputStream} turns one into a stream of a byte range.
 */
public interface PositionedSource extends Closeable {

    /**
     * Reads up to {@code length} bytes at {@code position} into {@code buffer}.
     *
     * @return how many bytes were read (at least 1 when {@code length} is positive and the position lies within
     *         the object), or -1 at or past the end of the object
     * @throws IOException when the backend fails; the stream passes it on
     */
    int read(long position, byte[] buffer, int offset, int length) throws IOException;

    /** Releases the object (the image handle, the channel). Called once, when the stream closes. */
    @Override
    void close() throws IOException;
}
