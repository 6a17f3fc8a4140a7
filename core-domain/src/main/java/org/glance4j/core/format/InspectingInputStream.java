package org.glance4j.core.format;

import java.io.IOException;
import java.io.InputStream;
import org.glance4j.core.stream.ReadThroughInputStream;

/**
 * Wraps a stream and inspects the disk format of the bytes as they pass: the bytes reach the reader unchanged,
 * nothing is buffered ahead, and the inspector keeps only the header regions it needs, at most
 * {@link #WINDOW_LIMIT} bytes whatever the image (most of that only for a VMDK descriptor, which may be 1 MiB).
 * Inspection never fails the stream: what it finds is in {@link #result()}; only the wrapped stream's own
 * {@link IOException}s reach the reader.
 *
 * <p>{@code mark}/{@code reset} are not supported; {@code skip} reads the skipped bytes so that they are
 * inspected too.
 */
public final class InspectingInputStream extends ReadThroughInputStream {

    /**
     * The most header bytes the inspector holds at once: a VMDK descriptor (up to 1 MiB - 1) and footer (1.5 KiB),
     * the VHDX region and metadata tables (64 KiB each), an ISO volume descriptor (2 KiB) and the first sector or
     * so of the other formats, with room to spare. Glance's inspector holds about as much.
     */
    public static final int WINDOW_LIMIT = 1_310_720;

    private final FormatInspection inspection;
    private long position;

    public InspectingInputStream(InputStream in) {
        this(in, false);
    }

    InspectingInputStream(InputStream in, boolean strict) {
        super(in);
        this.inspection = new FormatInspection(strict);
    }

    /** What was found in the bytes read so far (complete once the stream ended; earlier calls see what has passed). */
    public InspectionResult result() {
        return inspection.result();
    }

    /** How many bytes have passed. */
    public long bytesRead() {
        return position;
    }

    /** Bytes of heap the inspector holds now; never more than {@link #WINDOW_LIMIT}. */
    int held() {
        return inspection.held();
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            inspection.end(position);
        } else {
            inspection.accept(new byte[] {(byte) b}, 0, 1, position);
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            inspection.end(position);
        } else if (n > 0) {
            inspection.accept(b, off, n, position);
            position += n;
        }
        return n;
    }
}
