package org.glance4j.ports.model;

import java.nio.channels.FileChannel;

/**
 * Implemented by an {@link java.io.InputStream} whose bytes are one region of a file, so that an adapter can send
 * them to a socket without copying them through the heap (sendfile). A reader that does not know this interface
 * simply reads the stream.
 */
public interface FileRegion {

    /** The open file; owned by the stream, closed with it. */
    FileChannel channel();

    /** The file offset of the next byte the stream would return. */
    long position();

    /** How many bytes the stream has left. */
    long remaining();
}
