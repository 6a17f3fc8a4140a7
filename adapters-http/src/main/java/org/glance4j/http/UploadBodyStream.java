package org.glance4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.xnio.channels.StreamSourceChannel;

/**
 * The body of an upload, read straight from Undertow's request channel in blocking fashion (from a worker thread,
 * never an I/O thread) and handed on without buffering: each {@code read} fills as much of the caller's array as
 * the socket has ready. Fixed-length and chunked bodies both end with -1 at their real end; a connection that
 * breaks or closes early, or stays silent longer than the client socket timeout, makes {@code read} throw an
 * {@link IOException}, and the stream remembers it so that the adapter can tell a client's failure from a server's.
 */
final class UploadBodyStream extends InputStream {
    private final StreamSourceChannel channel;
    private final long idleTimeoutNanos;
    private long received;
    private boolean ended;
    private volatile IOException failure;

    /** {@code idleTimeoutNanos}: how long a read waits for the client to send anything ({@link Long#MAX_VALUE}: no
     * limit), as Glance's {@code client_socket_timeout}. */
    UploadBodyStream(StreamSourceChannel channel, long idleTimeoutNanos) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw new IOException("The upload already failed", failure);
        }
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            return readBlocking(ByteBuffer.wrap(b, off, len));
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private int readBlocking(ByteBuffer target) throws IOException {
        long idleSince = System.nanoTime();
        while (true) {
            int n = channel.read(target);
            if (n > 0) {
                received += n;
                return n;
            }
            if (n < 0) {
                ended = true;
                return -1;
            }
            long idle = System.nanoTime() - idleSince;
            if (idle >= idleTimeoutNanos) {
                throw new SocketTimeoutException("The client sent nothing for "
                        + ClientTimeout.describe(idleTimeoutNanos) + " after " + received + " bytes of the upload");
            }
            channel.awaitReadable(idleTimeoutNanos - idle, TimeUnit.NANOSECONDS);
        }
    }

    /** Bytes read so far. */
    long received() {
        return received;
    }

    /** Whether the body was read to its end. */
    boolean ended() {
        return ended;
    }

    /** The I/O failure that broke the upload (the client's side), or null. */
    IOException failure() {
        return failure;
    }

    /** Closing does not close the connection: Undertow ends the exchange. */
    @Override
    public void close() {
        // the request channel belongs to the exchange
    }
}
