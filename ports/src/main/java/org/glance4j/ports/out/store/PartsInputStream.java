package org.glance4j.ports.out.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The bytes of the parts of a composed write, one part after the other, each opened when its turn comes and
 * closed when its bytes are read: exactly {@link ImagePart#size()} bytes of each, failing with an
 * {@link EOFException} when a part ends early. What {@link ImageStore#writeComposed} streams through
 * {@code write} by default.
 */
final class PartsInputStream extends InputStream {
    private final List<ImagePart> parts;
    private int next;
    private InputStream current;
    private long leftInCurrent;
    private long readOfCurrent;

    PartsInputStream(List<ImagePart> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || leftInCurrent == 0) {
            closeCurrent();
            if (next == parts.size()) {
                return -1;
            }
            ImagePart part = parts.get(next++);
            leftInCurrent = part.size();
            readOfCurrent = 0;
            if (leftInCurrent > 0) {
                current = part.opener().get();
            }
        }
        int n = current.read(b, off, (int) Math.min(len, leftInCurrent));
        if (n < 0) {
            throw new EOFException("part " + next + " of a composed write ended after " + readOfCurrent + " of its "
                    + (readOfCurrent + leftInCurrent) + " bytes");
        }
        leftInCurrent -= n;
        readOfCurrent += n;
        return n;
    }

    private void closeCurrent() throws IOException {
        InputStream open = current;
        current = null;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public void close() {
        try {
            closeCurrent();
        } catch (IOException e) {
            // the parts were read, or the write failed for a reason of its own: neither is changed by this
        }
    }
}
