package org.glance4j.core.quota;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.glance4j.ports.error.GlanceException;

/**
 * What one upload holds against {@code image_size_total} while it runs (see {@link InFlightUploads}): the stream
 * it reads through {@link #meter} counts its bytes, and fails with an {@link IOException} when they would take the
 * project past the limit while another upload is the one allowed past it; {@link #refusal()} then tells why.
 * Closing it releases what it held; {@link #stored} first makes the bytes count as stored.
 */
public final class StoredSizeReservation implements AutoCloseable {

    private static final long MIB = 1024L * 1024L;
    private static final StoredSizeReservation NONE = new StoredSizeReservation(null, null, 0);

    private final InFlightUploads.Upload upload;
    private final String projectId;
    private final long limitMiB;
    private volatile GlanceException refusal;

    StoredSizeReservation(InFlightUploads.Upload upload, String projectId, long limitMiB) {
        this.upload = upload;
        this.projectId = projectId;
        this.limitMiB = limitMiB;
    }

    /** The reservation of an upload without limits: it counts nothing and refuses nothing. */
    static StoredSizeReservation none() {
        return NONE;
    }

    /** {@code data}, counted against the limit as it is read. */
    public InputStream meter(InputStream data) {
        if (upload == null) {
            return data;
        }
        return new FilterInputStream(data) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }
        };
    }

    private void count(long bytes) throws IOException {
        if (upload.grow(bytes)) {
            return;
        }
        long[] split = upload.usageAndOwn();
        GlanceException refused = UnifiedLimits.overLimit(
                projectId, UnifiedLimits.IMAGE_SIZE_TOTAL, limitMiB, split[0] / MIB, split[1] / MIB);
        refusal = refused;
        throw new IOException(refused.getMessage());
    }

    /** Why the metered stream failed, or null when the limit did not stop it. */
    public GlanceException refusal() {
        return refusal;
    }

    /** The upload is stored with {@code bytes}, which now count as the project's stored bytes. */
    public void stored(long bytes) {
        if (upload != null) {
            upload.stored(bytes);
        }
    }

    @Override
    public void close() {
        if (upload != null) {
            upload.close();
        }
    }
}
