package org.glance4j.ports.testing.store;

import java.io.InputStream;

/** {@code size} bytes made of one block repeated: a source that costs next to nothing to produce (for benchmarks). */
public final class RepeatingStream extends InputStream {
    private final byte[] block;
    private final long size;
    private long position;

    public RepeatingStream(byte[] block, long size) {
        this.block = block;
        this.size = size;
    }

    @Override
    public int read() {
        return position < size ? block[(int) (position++ % block.length)] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int at = (int) (position % block.length);
        int n = (int) Math.min(Math.min(len, block.length - at), size - position);
        System.arraycopy(block, at, b, off, n);
        position += n;
        return n;
    }
}
