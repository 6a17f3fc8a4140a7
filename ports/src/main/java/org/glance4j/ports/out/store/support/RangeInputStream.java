package org.glance4j.ports.out.store.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A byte range of a {@link PositionedSource} as a stream, read at the reader's pace with positioned reads of at
 * most {@code maxReadSize} bytes (so that a slow client never makes the store hold more than one read). Ends early
 * if the source ends before the range does. Closing the stream closes the source, once. Not thread-safe, like any
 * stream.
 */
public final class RangeInputStream extends InputStream {
    /** The largest positioned read by default: 1 MiB. */
    public static final int DEFAULT_MAX_READ = 1024 * 1024;

    private final PositionedSource source;
    private final int maxReadSize;
    private long position;
    private long left;
    private boolean closed;

    /**
     * @param source      what to read; closed when this stream closes
     * @param offset      the first byte of the range
     * @param length      how many bytes the range holds; not negative
     * @param maxReadSize the largest positioned read
     */
    public RangeInputStream(PositionedSource source, long offset, long length, int maxReadSize) {
        this.source = Objects.requireNonNull(source, "source");
        if (offset < 0 || length < 0 || maxReadSize < 1) {
            throw new IllegalArgumentException(
                    "offset " + offset + ", length " + length + ", maxReadSize " + maxReadSize);
        }
        this.position = offset;
        this.left = length;
        this.maxReadSize = maxReadSize;
    }

    /** A range read with reads of at most {@link #DEFAULT_MAX_READ} bytes. */
    public RangeInputStream(PositionedSource source, long offset, long length) {
        this(source, offset, length, DEFAULT_MAX_READ);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        if (left <= 0) {
            return -1;
        }
        int want = (int) Math.min(Math.min(len, left), maxReadSize);
        int n = source.read(position, b, off, want);
        if (n <= 0) {
            left = 0;
            return -1;
        }
        position += n;
        left -= n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.min(Math.max(n, 0), left);
        position += skipped;
        left -= skipped;
        return skipped;
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            source.close();
        }
    }
}
