package org.glance4j.ports.testing.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic pseudo-random test content of any size, produced on the fly so that multi-GiB streams never sit
 * in memory. The same {@code (size, seed)} always gives the same bytes, so a test can compute the expected digest
 * while it writes and compare it with the digest of what it reads back.
 */
public final class GeneratedBytes extends InputStream {
    private final long size;
    private long position;
    private long state;

    private GeneratedBytes(long size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        this.size = size;
        this.state = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E5A9L;
        if (this.state == 0) {
            this.state = 1;
        }
    }

    /** A stream of {@code size} bytes determined by {@code seed}. */
    public static GeneratedBytes of(long size, long seed) {
        return new GeneratedBytes(size, seed);
    }

    /** The bytes of {@code of(size, seed)} as an array; only for small sizes. */
    public static byte[] array(int size, long seed) {
        try (GeneratedBytes in = of(size, seed)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of {@code of(size, seed)}, computed by streaming. */
    public static String sha256(long size, long seed) {
        return sha256(of(size, seed));
    }

    /** The SHA-256 of what {@code in} yields until its end, as lower-case hex; closes {@code in}. */
    public static String sha256(InputStream in) {
        try (DigestInputStream digesting = new DigestInputStream(in, newSha256())) {
            byte[] buffer = new byte[64 * 1024];
            while (digesting.read(buffer) >= 0) {
                // the digest sees every byte read
            }
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long nextWord() {
        long x = state;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state = x;
        return x;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        int i = 0;
        // one fresh word per 8 bytes of the stream, aligned to stream positions so chunking never changes content
        while (i < n) {
            if ((position & 7) == 0 && n - i >= 8) {
                long w = nextWord();
                for (int k = 0; k < 8; k++) {
                    b[off + i + k] = (byte) (w >>> (k * 8));
                }
                i += 8;
                position += 8;
                continue;
            }
            int inWord = (int) (position & 7);
            if (inWord == 0) {
                nextWord();
            }
            b[off + i] = (byte) (state >>> (inWord * 8));
            i++;
            position++;
        }
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }
}
