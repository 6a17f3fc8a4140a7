package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.model.FileRegion;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes the body of a download to the response channel, blocking on a worker thread. A body that is a
 * {@link FileRegion} goes to the socket with {@link StreamSinkChannel#transferFrom(FileChannel, long, long)}, which
 * Undertow passes to {@link FileChannel#transferTo} (sendfile: the bytes never enter the heap); any other stream
 * is copied through one large buffer. The response headers are flushed first, because Undertow copies the first
 * file chunk through a pooled buffer from the channel's own position while the headers are still pending.
 *
 * <p>A client that goes away midway only ends the transfer: the connection is closed, the download is closed by
 * the caller, and the event is logged at debug level, not as a server error. A source that fails midway (a store
 * read error, a file shorter than the image) is logged as an error and the connection is closed, so the client
 * sees a body shorter than its {@code Content-Length}.
 */
final class DownloadSender {
    /** The copy buffer for bodies that are not file regions. */
    static final int COPY_BUFFER_BYTES = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(DownloadSender.class.getName());

    private DownloadSender() {}

    /** Sends {@code download.length()} bytes of its body; headers and status must already be set. */
    static void send(HttpServerExchange exchange, ImageDownload download) {
        StreamSinkChannel channel = exchange.getResponseChannel();
        Progress sent = new Progress(ClientTimeout.nanos(exchange));
        try {
            flush(channel, sent);
            if (download.body() instanceof FileRegion region) {
                transfer(channel, region, download.length(), sent);
            } else {
                copy(channel, download.body(), download.length(), sent);
            }
            channel.shutdownWrites();
            flush(channel, sent);
            exchange.endExchange();
        } catch (IOException | RuntimeException e) {
            // an IOException is the connection's (the client left); anything else is the source's, our problem
            String requestId = exchange.getAttachment(ErrorResponder.REQUEST_ID);
            System.Logger.Level level =
                    e instanceof IOException ? System.Logger.Level.DEBUG : System.Logger.Level.ERROR;
            LOG.log(
                    level,
                    "Request " + requestId + ": download of image "
                            + download.image().id() + " stopped after " + sent.bytes + " of " + download.length()
                            + " bytes: " + e);
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /** Bytes handed to the connection so far, for the log line of a transfer that stops early. */
    private static final class Progress {
        /** How long a write waits for a client that reads nothing, as Glance's {@code client_socket_timeout}. */
        final long timeoutNanos;

        long bytes;

        Progress(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }
    }

    private static void transfer(StreamSinkChannel channel, FileRegion region, long length, Progress sent)
            throws IOException {
        FileChannel file = region.channel();
        long position = region.position();
        long end = position + length;
        while (position < end) {
            long n = channel.transferFrom(file, position, end - position);
            if (n > 0) {
                position += n;
                sent.bytes += n;
            } else if (position >= file.size()) {
                throw new IllegalStateException("The image file ends at " + file.size() + " before byte " + end);
            } else {
                awaitWritable(channel, sent);
            }
        }
    }

    private static void copy(StreamSinkChannel channel, InputStream body, long length, Progress sent)
            throws IOException {
        byte[] array = new byte[(int) Math.max(1, Math.min(COPY_BUFFER_BYTES, length))];
        ByteBuffer buffer = ByteBuffer.wrap(array);
        while (sent.bytes < length) {
            int n;
            try {
                n = body.read(array, 0, (int) Math.min(array.length, length - sent.bytes));
            } catch (IOException e) {
                throw new UncheckedIOException("Reading the image data failed", e);
            }
            if (n < 0) {
                throw new IllegalStateException(
                        "The image data ended after " + sent.bytes + " of " + length + " bytes");
            }
            buffer.clear().limit(n);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    awaitWritable(channel, sent);
                }
            }
            sent.bytes += n;
        }
    }

    private static void flush(StreamSinkChannel channel, Progress sent) throws IOException {
        while (!channel.flush()) {
            awaitWritable(channel, sent);
        }
    }

    private static void awaitWritable(StreamSinkChannel channel, Progress sent) throws IOException {
        long start = System.nanoTime();
        channel.awaitWritable(sent.timeoutNanos, TimeUnit.NANOSECONDS);
        if (System.nanoTime() - start >= sent.timeoutNanos) {
            throw new IOException("The client read nothing for " + ClientTimeout.describe(sent.timeoutNanos));
        }
    }
}
