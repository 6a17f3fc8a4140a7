package org.glance4j.core.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.glance4j.ports.error.GlanceException;

/**
 * Passes on at most {@code cap} bytes: reading past them fails with {@code TOO_LARGE}, so that the staging area,
 * which takes any stream to its end, never holds more than the core allows. A subclass may check the end of the
 * data ({@link #atEnd()}).
 */
class CappedInputStream extends FilterInputStream {

    private final long cap;
    private long total;
    private boolean ended;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        } else {
            end();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        } else if (n < 0) {
            end();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void end() throws IOException {
        if (!ended) {
            ended = true;
            atEnd();
        }
    }

    /** Called once when the data has ended, before the end is passed on; may throw to refuse the data. */
    protected void atEnd() throws IOException {}

    private void count(long n) {
        total += n;
        if (total > cap) {
            throw GlanceException.tooLarge("The incoming image is too large: The provided image is too large.");
        }
    }
}
