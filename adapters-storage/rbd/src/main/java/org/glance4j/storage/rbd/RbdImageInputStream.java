package org.glance4j.storage.rbd;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

import org.glance4j.ports.error.GlanceException;

import com.sun.jna.Memory;

/**
 * The bytes {@code [start, end)} of an open RBD snapshot, read from librbd a buffer at a time (never more than the
 * range). Closing it closes the image and its pool.
 */
final class RbdImageInputStream extends InputStream {
    private static final int BUFFER = 4 * 1024 * 1024;

    private final RbdPool pool;
    private final RbdImage image;
    private final Function<CephException, GlanceException> translate;
    private final Memory buffer;
    private long position;
    private final long end;
    private int buffered;
    private int consumed;
    private boolean closed;

    RbdImageInputStream(RbdPool pool, RbdImage image, long start, long end,
            Function<CephException, GlanceException> translate) {
        this.pool = pool;
        this.image = image;
        this.translate = translate;
        this.position = start;
        this.end = end;
        this.buffer = new Memory(Math.max(1, Math.min(BUFFER, end - start)));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, target.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        if (consumed == buffered && !fill()) {
            return -1;
        }
        int n = Math.min(length, buffered - consumed);
        buffer.read(consumed, target, offset, n);
        consumed += n;
        return n;
    }

    private boolean fill() {
        if (position >= end) {
            return false;
        }
        long wanted = Math.min(buffer.size(), end - position);
        long got;
        try {
            got = image.read(position, buffer, wanted);
        } catch (CephException e) {
            throw translate.apply(e);
        }
        if (got <= 0) {
            throw translate.apply(new CephException("rbd_read", CephException.EIO));
        }
        position += got;
        buffered = (int) got;
        consumed = 0;
        return true;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0 || closed) {
            return 0;
        }
        long inBuffer = Math.min(n, buffered - consumed);
        consumed += (int) inBuffer;
        long beyond = Math.min(n - inBuffer, end - position);
        position += beyond;
        return inBuffer + beyond;
    }

    @Override
    public int available() {
        return buffered - consumed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                image.close();
            } finally {
                pool.close();
                buffer.close();
            }
        }
    }
}
