package org.glance4j.core.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.glance4j.ports.error.GlanceException;

/** The bytes of one tus append, refused ({@code INVALID}) as soon as they pass what the upload's length leaves. */
final class TusChunkLimit extends FilterInputStream {

    private long left;

    TusChunkLimit(InputStream in, long left) {
        super(in);
        this.left = left;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, (int) Math.min(len, left + 1));
        if (n > 0) {
            left -= n;
            if (left < 0) {
                throw GlanceException.invalid("The request carries more bytes than the upload's Upload-Length.");
            }
        }
        return n;
    }
}
