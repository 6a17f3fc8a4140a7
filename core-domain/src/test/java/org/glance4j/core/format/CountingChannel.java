package org.glance4j.core.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A channel that counts the bytes read through it. */
final class CountingChannel implements SeekableByteChannel {
    private final SeekableByteChannel inner;
    private long read;

    CountingChannel(SeekableByteChannel inner) {
        this.inner = inner;
    }

    long bytesRead() {
        return read;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = inner.read(dst);
        if (n > 0) {
            read += n;
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw new IOException("read only");
    }

    @Override
    public long position() throws IOException {
        return inner.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        inner.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return inner.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        throw new IOException("read only");
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
