package org.glance4j.ports.out.store.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import org.glance4j.ports.model.FileRegion;

/**
 * An {@link InputStream} over a region of a file, read with positioned {@link FileChannel} reads (no seeking, no
 * skipping through the file). It owns the channel and closes it.
 *
 * <p>Zero-copy: a server that writes to a channel (a socket) can call {@link #transferTo(WritableByteChannel)},
 * which uses {@link FileChannel#transferTo} and lets the kernel move the bytes (sendfile on Linux); or take
 * {@link #channel()}, {@link #position()} and {@link #remaining()} and send the region itself. Either way the
 * stream advances past what was sent. Not thread-safe: one reader at a time, as with any stream.
 *
 * <p>For a store or a cache that keeps image data in local files (the file store, the image cache).
 */
public final class FileRegionInputStream extends InputStream implements FileRegion {
    /** Bounds one positioned read, so the JDK's temporary direct buffer stays small for huge array reads. */
    private static final int MAX_READ = 1024 * 1024;

    private final FileChannel channel;
    private final long end;
    private long position;
    private boolean closed;

    /** A stream of {@code length} bytes of {@code channel} from {@code offset}; takes ownership of the channel. */
    public FileRegionInputStream(FileChannel channel, long offset, long length) {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        this.position = offset;
        this.end = offset + length;
    }

    /** The file channel under the stream; reading it with positioned reads does not disturb the stream. */
    @Override
    public FileChannel channel() {
        return channel;
    }

    /** The file position of the next byte this stream yields. */
    @Override
    public long position() {
        return position;
    }

    /** How many bytes the stream still yields. */
    @Override
    public long remaining() {
        return end - position;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(Math.min(len, MAX_READ), end - position);
        int n = channel.read(ByteBuffer.wrap(b, off, wanted), position);
        if (n < 0) {
            // the file shrank under us: end of stream where the file ends
            position = end;
            return -1;
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    /**
     * Sends the rest of the region to {@code target} with {@link FileChannel#transferTo}, which the kernel can
     * do without copying through the heap when {@code target} is a socket or a file. With a blocking target it
     * sends everything; a non-blocking target may take less, and the caller calls again when it is writable.
     *
     * @return the number of bytes sent by this call
     */
    public long transferTo(WritableByteChannel target) throws IOException {
        ensureOpen();
        long sent = 0;
        while (position < end) {
            long n = channel.transferTo(position, end - position, target);
            if (n <= 0) {
                if (position >= channel.size()) {
                    position = end; // the file shrank under us
                }
                break;
            }
            position += n;
            sent += n;
        }
        return sent;
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        ensureOpen();
        byte[] buffer = new byte[(int) Math.max(1, Math.min(256 * 1024, end - position))];
        long sent = 0;
        int n;
        while ((n = read(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
            sent += n;
        }
        return sent;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
    }
}
