package org.glance4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * The client's bytes on their way to a store, digested on the way by two other threads. The store reads this
 * stream on its own thread; every chunk read from the client goes into one of a few reusable buffers, is handed to
 * one digest lane per algorithm (each lane a task that updates its digest in order), and is copied out to the
 * store. The buffer is reused only when the store and every lane are done with it, so memory stays at
 * {@value #BUFFERS} buffers of {@value #BUFFER_SIZE} bytes whatever the image size, and the write and the digests
 * run at the same time.
 *
 * <p>The stream also enforces the limits while bytes pass: more than {@code sizeCap} bytes is {@code TOO_LARGE},
 * more than a declared size, or a different count at the end, is {@code INVALID}. It fails by throwing the
 * {@link GlanceException} from {@code read} (so the store abandons its write before publishing anything) and keeps
 * it in {@link #failure()}, so the caller can tell its own refusals from the store's whatever the store wraps.
 */
final class ParallelDigestInputStream extends InputStream {

    static final int BUFFER_SIZE = 1 << 20;
    static final int BUFFERS = 4;

    private static final Chunk END = new Chunk(0);
    private static final Chunk ABORT = new Chunk(0);

    private final InputStream source;
    private final long sizeCap;
    private final long declaredSize;
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(BUFFERS);
    private final List<Lane> lanes;
    private final List<Future<byte[]>> results;

    private Chunk current;
    private int position;
    private long total;
    private boolean ended;
    private GlanceException failure;

    /**
     * @param declaredSize the size the client announced; zero or less means unknown (Glance takes 0 as unknown)
     */
    ParallelDigestInputStream(
            InputStream source,
            long sizeCap,
            long declaredSize,
            List<MessageDigest> digests,
            ExecutorService executor) {
        this.source = source;
        this.sizeCap = sizeCap;
        this.declaredSize = declaredSize;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new Chunk(BUFFER_SIZE));
        }
        this.lanes = digests.stream().map(d -> new Lane(d, free)).toList();
        this.results = lanes.stream().map(executor::submit).toList();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        if (current == null || position == current.length) {
            if (!advance()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current.data, position, b, off, n);
        position += n;
        return n;
    }

    /** Fills the next buffer from the client and hands it to the lanes; false at the end of the bytes. */
    private boolean advance() throws IOException {
        if (current != null) {
            current.release(free);
            current = null;
        }
        if (ended) {
            return false;
        }
        Chunk next;
        try {
            next = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(new GlanceException(
                    ErrorCategory.UNAVAILABLE, "The upload was interrupted.", new InterruptedIOException()));
        }
        int n;
        try {
            n = source.readNBytes(next.data, 0, next.data.length);
        } catch (IOException | RuntimeException e) {
            free.add(next);
            throw fail(new GlanceException(
                    ErrorCategory.INVALID,
                    "The image data could not be read from the request: " + whyUnreadable(e),
                    e));
        }
        if (n == 0) {
            free.add(next);
            if (declaredSize > 0 && total != declaredSize) {
                throw fail(GlanceException.invalid(
                        "Size mismatch: expected " + declaredSize + " bytes, got " + total + " bytes"));
            }
            ended = true;
            return false;
        }
        total += n;
        if (total > sizeCap) {
            free.add(next);
            throw fail(GlanceException.tooLarge("The incoming image is too large: The provided image is too large."));
        }
        if (declaredSize > 0 && total > declaredSize) {
            free.add(next);
            throw fail(GlanceException.invalid(
                    "Size exceeds: expected " + declaredSize + " bytes, got " + total + " bytes"));
        }
        next.length = n;
        next.holders.set(lanes.size() + 1);
        for (Lane lane : lanes) {
            lane.queue.add(next);
        }
        current = next;
        position = 0;
        return true;
    }

    private GlanceException fail(GlanceException e) {
        failure = e;
        return e;
    }

    /** The refusal this stream threw, or null. */
    GlanceException failure() {
        return failure;
    }

    /** How many bytes passed. */
    long total() {
        return total;
    }

    /**
     * The digests of every byte that passed, as lower-case hex, in the order of the digests given; call once the
     * store has read to the end.
     */
    List<String> finish() {
        if (!ended) {
            throw new IllegalStateException("the stream was not read to its end");
        }
        for (Lane lane : lanes) {
            lane.queue.add(END);
        }
        try {
            return results.stream()
                    .map(ParallelDigestInputStream::await)
                    .map(HexFormat.of()::formatHex)
                    .toList();
        } finally {
            if (current != null) {
                current.release(free);
                current = null;
            }
        }
    }

    /** Stops the lanes after a failure; harmless after {@link #finish()}. */
    void abort() {
        for (Lane lane : lanes) {
            lane.queue.add(ABORT);
        }
    }

    private static byte[] await(Future<byte[]> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GlanceException(ErrorCategory.UNAVAILABLE, "The upload was interrupted.", e);
        } catch (ExecutionException e) {
            throw new GlanceException(ErrorCategory.INTERNAL, "Computing the image checksum failed.", e.getCause());
        }
    }

    /** A reusable buffer, returned to the pool when its last holder (the reader or a lane) releases it. */
    private static final class Chunk {
        final byte[] data;
        int length;
        final AtomicInteger holders = new AtomicInteger();

        Chunk(int size) {
            this.data = new byte[size];
        }

        void release(BlockingQueue<Chunk> pool) {
            if (holders.decrementAndGet() == 0) {
                pool.add(this);
            }
        }
    }

    /** One digest, updated in order on its own thread. */
    private static final class Lane implements java.util.concurrent.Callable<byte[]> {
        final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        private final MessageDigest digest;
        private final BlockingQueue<Chunk> pool;

        Lane(MessageDigest digest, BlockingQueue<Chunk> pool) {
            this.digest = digest;
            this.pool = pool;
        }

        @Override
        public byte[] call() throws InterruptedException {
            while (true) {
                Chunk chunk = queue.take();
                if (chunk == END) {
                    return digest.digest();
                }
                if (chunk == ABORT) {
                    return null;
                }
                digest.update(chunk.data, 0, chunk.length);
                chunk.release(pool);
            }
        }
    }

    /**
     * Why the request's body could not be read, in the API's words: the source's own text (a library's, naming
     * sockets or classes) stays in the cause, which the error's log line shows with the request id.
     */
    private static String whyUnreadable(Exception e) {
        if (e instanceof GlanceException g) {
            return g.getMessage();
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "the client stopped sending it.";
        }
        return "the connection broke before all of it arrived.";
    }
}
