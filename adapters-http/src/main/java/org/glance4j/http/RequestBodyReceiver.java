package org.glance4j.http;

import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Reads the body of a record call (a JSON document: create, PATCH, members, tasks, metadefs) on the I/O thread, as
 * the bytes arrive, without holding any thread while the client is slow; only the complete body goes to a worker
 * thread, attached as a {@link RequestBody}. Bodies are bounded: a body over {@link ApiRequest#MAX_BODY_BYTES} is
 * dropped as it comes (read to its end when it declares at most {@link ApiRequest#DRAIN_LIMIT} bytes, so that the
 * client reads the refusal, else not read at all and the connection closed after the answer). A client that sends
 * nothing for the client socket timeout loses its connection.
 */
final class RequestBodyReceiver implements Receiver.PartialBytesCallback, Receiver.ErrorCallback, Runnable {
    private static final System.Logger LOG = System.getLogger(RequestBodyReceiver.class.getName());

    private final HttpServerExchange exchange;
    private final Executor workers;
    private final HttpHandler next;
    private final long timeoutMillis;
    private final long declared;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long received;
    private long lastProgress;
    private boolean done;
    private XnioExecutor.Key timer;

    private RequestBodyReceiver(HttpServerExchange exchange, Executor workers, HttpHandler next, long timeoutMillis) {
        this.exchange = exchange;
        this.workers = workers;
        this.next = next;
        this.timeoutMillis = timeoutMillis;
        this.declared = exchange.getRequestContentLength();
    }

    /**
     * Starts reading the body of {@code exchange} (on its I/O thread); when it is read, refused or broken, the
     * exchange is dispatched to {@code next} on {@code workers}, or on Undertow's worker threads when
     * {@code workers} is null. {@code timeoutMillis} of silence closes the connection (-1: no limit).
     */
    static void receive(HttpServerExchange exchange, Executor workers, HttpHandler next, long timeoutMillis) {
        RequestBodyReceiver receiver = new RequestBodyReceiver(exchange, workers, next, timeoutMillis);
        if (receiver.declared > ApiRequest.DRAIN_LIMIT) {
            exchange.setPersistent(false);
            receiver.finish(RequestBody.tooLarge());
            return;
        }
        receiver.lastProgress = System.nanoTime();
        exchange.getRequestReceiver().receivePartialBytes(receiver, receiver);
        if (!receiver.done && timeoutMillis > 0) {
            // the rest comes later, through the read listener on this same I/O thread
            receiver.timer = exchange.getIoThread().executeAfter(receiver, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void handle(HttpServerExchange exchange, byte[] message, boolean last) {
        if (done) {
            return;
        }
        lastProgress = System.nanoTime();
        received += message.length;
        if (bytes != null) {
            if (received > ApiRequest.MAX_BODY_BYTES) {
                bytes = null;
                if (declared < 0) {
                    // a chunked body has no announced end: stop reading and close after the refusal
                    exchange.setPersistent(false);
                    exchange.getRequestReceiver().pause();
                    finish(RequestBody.tooLarge());
                    return;
                }
            } else {
                bytes.write(message, 0, message.length);
            }
        }
        if (last) {
            finish(bytes == null ? RequestBody.tooLarge() : RequestBody.read(bytes.toByteArray()));
        }
    }

    @Override
    public void error(HttpServerExchange exchange, IOException e) {
        if (done) {
            return;
        }
        exchange.setPersistent(false);
        finish(RequestBody.unreadable());
    }

    /** The silence check, on the I/O thread: closes the connection of a client that stopped sending. */
    @Override
    public void run() {
        if (done) {
            return;
        }
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastProgress);
        if (idleMillis < timeoutMillis) {
            timer = exchange.getIoThread().executeAfter(this, timeoutMillis - idleMillis, TimeUnit.MILLISECONDS);
            return;
        }
        done = true;
        timer = null;
        LOG.log(
                System.Logger.Level.INFO,
                "Request " + exchange.getAttachment(ErrorResponder.REQUEST_ID)
                        + ": the client sent nothing for " + timeoutMillis / 1000.0 + " seconds after " + received
                        + " bytes of the request body; connection closed");
        IoUtils.safeClose(exchange.getConnection());
    }

    private void finish(RequestBody body) {
        done = true;
        if (timer != null) {
            timer.remove();
            timer = null;
        }
        exchange.putAttachment(RequestBody.KEY, body);
        if (workers == null) {
            exchange.dispatch(next);
        } else {
            exchange.dispatch(workers, next);
        }
    }
}
