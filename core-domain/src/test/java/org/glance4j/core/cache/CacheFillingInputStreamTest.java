package org.glance4j.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.glance4j.ports.out.cache.ImageCacheFiles.CacheFill;
import org.junit.jupiter.api.Test;

/** The copy made while a download streams: kept only when the image's exact bytes passed, discarded otherwise. */
class CacheFillingInputStreamTest {
    private static final byte[] DATA = random(300_000);

    private final RecordingFill fill = new RecordingFill();
    private final List<String> outcome = new ArrayList<>();

    @Test
    void theExactBytesWithTheRightDigestBecomeTheCopyEvenWhenTheReaderStopsAtTheSize() throws Exception {
        InputStream stream = filling(new ByteArrayInputStream(DATA), DATA.length, sha256(DATA));

        byte[] read = stream.readNBytes(DATA.length); // never asks for the end of the stream

        assertThat(read).isEqualTo(DATA);
        assertThat(outcome).containsExactly("verified " + DATA.length);
        assertThat(fill.bytes.toByteArray()).isEqualTo(DATA);
        stream.close();
        assertThat(fill.closed).as("a verified fill is not discarded").isFalse();
    }

    @Test
    void aWrongDigestDiscardsTheCopyButTheReaderGetsEveryByte() throws Exception {
        byte[] damaged = DATA.clone();
        damaged[12345] ^= 1;
        InputStream stream = filling(new ByteArrayInputStream(damaged), DATA.length, sha256(DATA));

        assertThat(stream.readAllBytes()).isEqualTo(damaged);

        assertThat(outcome).singleElement().asString().startsWith("abandoned checksum verification failed");
        assertThat(fill.closed).isTrue();
    }

    @Test
    void aShortOrLongStreamDiscardsTheCopy() throws Exception {
        InputStream shortStream = filling(new ByteArrayInputStream(DATA, 0, 1000), DATA.length, null);
        shortStream.readAllBytes();
        assertThat(outcome).singleElement().asString().contains("the store sent 1000 bytes");

        outcome.clear();
        RecordingFill longFill = new RecordingFill();
        InputStream longStream =
                new CacheFillingInputStream(new ByteArrayInputStream(DATA), longFill, 1000, null, null, completion());
        byte[] buffer = new byte[4096];
        assertThat(longStream.read(buffer)).isPositive();
        assertThat(outcome).singleElement().asString().contains("more than the image's 1000 bytes");
        assertThat(longFill.closed).isTrue();
    }

    @Test
    void closingBeforeTheEndDiscardsTheCopy() throws Exception {
        InputStream stream = filling(new ByteArrayInputStream(DATA), DATA.length, sha256(DATA));
        stream.readNBytes(5000);

        stream.close();

        assertThat(outcome).singleElement().asString().contains("ended after 5000 of " + DATA.length);
        assertThat(fill.closed).isTrue();
    }

    @Test
    void aFailingCacheDiskStopsTheCopyNotTheDownload() throws Exception {
        fill.failAfter = 10_000;
        InputStream stream = filling(new ByteArrayInputStream(DATA), DATA.length, sha256(DATA));

        assertThat(stream.readAllBytes()).isEqualTo(DATA);

        assertThat(outcome).singleElement().asString().contains("writing the cached copy failed");
        assertThat(fill.closed).isTrue();
    }

    private InputStream filling(InputStream body, long size, String sha256) throws Exception {
        return new CacheFillingInputStream(
                body, fill, size, sha256 == null ? null : MessageDigest.getInstance("SHA-256"), sha256, completion());
    }

    private CacheFillingInputStream.Completion completion() {
        return new CacheFillingInputStream.Completion() {
            @Override
            public void verified(CacheFill verified, long size) {
                outcome.add("verified " + size);
            }

            @Override
            public void abandoned(String reason) {
                outcome.add("abandoned " + reason);
            }
        };
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    /** A fill that keeps its bytes in memory (small test data) and can fail like a full disk. */
    private static final class RecordingFill implements CacheFill {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long failAfter = Long.MAX_VALUE;
        boolean closed;

        @Override
        public void write(byte[] b, int offset, int length) {
            if (bytes.size() + length > failAfter) {
                throw new java.io.UncheckedIOException(new IOException("No space left on device"));
            }
            bytes.write(b, offset, length);
        }

        @Override
        public long commit() {
            return bytes.size();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
