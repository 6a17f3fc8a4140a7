package org.glance4j.core.stream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that must see every byte it passes on (to inspect or copy them): {@link #skip(long)} reads the skipped
 * bytes through {@link #read(byte[], int, int)} instead of skipping them in the stream below, and
 * {@code mark}/{@code reset} are not supported, since every byte is seen once, in order. A subclass watches the
 * bytes in {@code read}.
 */
public abstract class ReadThroughInputStream extends FilterInputStream {
    private static final int SKIP_BUFFER = 64 * 1024;

    protected ReadThroughInputStream(InputStream in) {
        super(in);
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;

    /** Reads up to {@code n} bytes through {@link #read(byte[], int, int)}; fewer only at the end of the stream. */
    @Override
    public final long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(SKIP_BUFFER, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int got = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        return skipped;
    }

    @Override
    public final boolean markSupported() {
        return false;
    }

    @Override
    public final synchronized void mark(int readlimit) {
        // not supported: every byte is seen once, in order
    }

    @Override
    public final synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
