package org.glance4j.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.model.Cancellation;
import org.xnio.XnioExecutor;

/**
 * Notices, while a call that has read its whole request works on a worker thread, that the client closed its
 * connection, and then cancels the call's {@link Cancellation}. Undertow does not read from a connection while a
 * request runs, so every {@link #POLL_MILLIS} the I/O thread tries one non-blocking read of the socket: end of
 * stream or a reset means the client is gone; bytes (a pipelined next request) are handed back to Undertow
 * untouched and the watch ends. Plain HTTP/1.1 only; elsewhere the signal simply never fires.
 *
 * <p>{@link #close()} must be called before the answer is written: it waits for a poll in progress, so no read
 * happens once the connection goes back to Undertow.
 */
final class ClientDisconnectWatch implements AutoCloseable {
    static final long POLL_MILLIS = 200;

    private final Cancellation cancellation = Cancellation.create();
    private final HttpServerConnection connection;
    private XnioExecutor.Key poll;
    private boolean stopped;

    private ClientDisconnectWatch(HttpServerConnection connection) {
        this.connection = connection;
    }

    /** Starts watching the exchange's connection, when that is possible (see the class comment). */
    static ClientDisconnectWatch start(HttpServerExchange exchange) {
        if (!(exchange.getConnection() instanceof HttpServerConnection http)
                || http.getSslSession() != null
                || !exchange.isRequestComplete()
                || http.getExtraBytes() != null) {
            return new ClientDisconnectWatch(null);
        }
        ClientDisconnectWatch watch = new ClientDisconnectWatch(http);
        synchronized (watch) {
            watch.poll = http.getIoThread().executeAtInterval(watch::check, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        return watch;
    }

    /** The signal that fires when the client goes away. */
    Cancellation cancellation() {
        return cancellation;
    }

    private void check() {
        boolean gone;
        synchronized (this) {
            if (stopped) {
                return;
            }
            gone = clientGone();
            if (!gone && !stopped) {
                return;
            }
            stopLocked();
        }
        if (gone) {
            cancellation.cancel();
        }
    }

    /** One non-blocking read: true at end of stream or on an error; bytes read go back to the connection. */
    private boolean clientGone() {
        PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
        boolean handedBack = false;
        try {
            ByteBuffer buffer = pooled.getBuffer();
            int read = connection.getOriginalSourceConduit().read(buffer);
            if (read < 0) {
                return true;
            }
            if (read > 0) {
                buffer.flip();
                connection.ungetRequestBytes(pooled);
                handedBack = true;
                stopped = true; // a live client sending its next request: nothing more to learn
            }
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            if (!handedBack) {
                pooled.close();
            }
        }
    }

    private void stopLocked() {
        stopped = true;
        if (poll != null) {
            poll.remove();
        }
    }

    /** Stops watching; returns once no poll runs or will run. */
    @Override
    public synchronized void close() {
        if (connection != null) {
            stopLocked();
        }
    }
}
