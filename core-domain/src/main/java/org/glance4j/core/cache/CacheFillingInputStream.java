package org.glance4j.core.cache;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.glance4j.core.stream.ReadThroughInputStream;
import org.glance4j.ports.out.cache.ImageCacheFiles.CacheFill;

/**
 * The store's bytes of one image on their way to a client, copied into a cache fill as they pass. When the image's
 * size has passed (a reader may stop there without reading the end) with the digest the image records, the fill is handed to {@link Completion}
 * to become the cached copy; otherwise (short, long, wrong digest, closed early, a failing cache) the fill is
 * discarded. The client's stream never fails because of the cache. Skipped bytes are read through, so that the copy
 * misses none.
 */
final class CacheFillingInputStream extends ReadThroughInputStream {

    /** What happens to a fill once its stream is over. */
    interface Completion {
        /** The bytes are complete and verified: make them the cached copy. */
        void verified(CacheFill fill, long size);

        /** The fill was given up, for {@code reason}. */
        void abandoned(String reason);
    }

    private final CacheFill fill;
    private final long expectedSize;
    private final MessageDigest digest;
    private final String expectedDigest;
    private final Completion completion;
    private long copied;
    private boolean over;

    /**
     * @param digest         the digest to compute, or null to check the size alone
     * @param expectedDigest its expected value in lower-case hex (null with a null digest)
     */
    CacheFillingInputStream(
            InputStream body,
            CacheFill fill,
            long expectedSize,
            MessageDigest digest,
            String expectedDigest,
            Completion completion) {
        super(body);
        this.fill = fill;
        this.expectedSize = expectedSize;
        this.digest = digest;
        this.expectedDigest = expectedDigest;
        this.completion = completion;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            giveUp("the store's stream failed: " + e);
            throw e;
        }
        if (n > 0) {
            copy(b, off, n);
        } else if (n < 0) {
            finish();
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        try {
            giveUp("the download ended after " + copied + " of " + expectedSize + " bytes");
        } finally {
            in.close();
        }
    }

    private void copy(byte[] b, int off, int n) {
        if (over) {
            return;
        }
        copied += n;
        if (copied > expectedSize) {
            giveUp("the store sent more than the image's " + expectedSize + " bytes");
            return;
        }
        try {
            fill.write(b, off, n);
            if (digest != null) {
                digest.update(b, off, n);
            }
        } catch (RuntimeException e) {
            giveUp("writing the cached copy failed: " + e.getMessage());
            return;
        }
        if (copied == expectedSize) {
            finish(); // a reader that stops at the image's size never asks for the end of the stream
        }
    }

    private void finish() {
        if (over) {
            return;
        }
        if (copied != expectedSize) {
            giveUp("the store sent " + copied + " bytes, the image has " + expectedSize);
            return;
        }
        if (digest != null) {
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(expectedDigest)) {
                giveUp("checksum verification failed (" + actual + " instead of " + expectedDigest + ")");
                return;
            }
        }
        over = true;
        completion.verified(fill, copied);
    }

    private void giveUp(String reason) {
        if (over) {
            return;
        }
        over = true;
        try {
            fill.close();
        } finally {
            completion.abandoned(reason);
        }
    }
}
