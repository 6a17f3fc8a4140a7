package org.glance4j.storage.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

import org.glance4j.ports.model.FileRegion;

/**
 * The bytes of one region of a cached file, read with positioned reads; also a {@link FileRegion}, so that HTTP
 * sends it with sendfile. Owns the channel. One reader at a time.
 */
final class CachedFileStream extends InputStream implements FileRegion {
    /** Bounds one read, so the JDK's temporary direct buffer stays small. */
    private static final int MAX_READ = 1024 * 1024;

    private final FileChannel channel;
    private final long end;
    private long position;
    private boolean closed;

    CachedFileStream(FileChannel channel, long offset, long length) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public FileChannel channel() {
        return channel;
    }

    @Override
    public long position() {
        return position;
    }

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
        if (closed) {
            throw new IOException("Stream closed");
        }
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(Math.min(len, MAX_READ), end - position)),
                position);
        if (n < 0) {
            position = end; // the file is shorter than it was: end here
            return -1;
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}
