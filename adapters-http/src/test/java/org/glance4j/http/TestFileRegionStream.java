package org.glance4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.glance4j.ports.model.FileRegion;
import org.glance4j.ports.out.store.support.FileRegionInputStream;

/**
 * A test {@link FileRegion}: the stores' {@link FileRegionInputStream} of a region of a file, which also counts the
 * bytes read through it, so a test can prove that a download went zero-copy (nothing was read through the heap),
 * and remembers being closed.
 */
final class TestFileRegionStream extends InputStream implements FileRegion {
    private final FileRegionInputStream region;
    final AtomicLong bytesReadThroughHeap = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);

    private TestFileRegionStream(FileRegionInputStream region) {
        this.region = region;
    }

    static TestFileRegionStream open(Path file, long offset, long length) {
        try {
            return new TestFileRegionStream(
                    new FileRegionInputStream(FileChannel.open(file, StandardOpenOption.READ), offset, length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public FileChannel channel() {
        return region.channel();
    }

    @Override
    public long position() {
        return region.position();
    }

    @Override
    public long remaining() {
        return region.remaining();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = region.read(b, off, len);
        if (n > 0) {
            bytesReadThroughHeap.addAndGet(n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        region.close();
        closed.countDown();
    }

    /** Whether the stream gets closed; the server closes it just after the last byte, so this waits a while. */
    boolean awaitClosed() throws InterruptedException {
        return closed.await(30, TimeUnit.SECONDS);
    }
}
