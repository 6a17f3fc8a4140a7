package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelDigestInputStreamTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private ParallelDigestInputStream stream(byte[] bytes, long cap, long declared) throws Exception {
        return new ParallelDigestInputStream(
                new ByteArrayInputStream(bytes),
                cap,
                declared,
                List.of(MessageDigest.getInstance("MD5"), MessageDigest.getInstance("SHA-512")),
                threads);
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                0,
                1,
                ParallelDigestInputStream.BUFFER_SIZE - 1,
                ParallelDigestInputStream.BUFFER_SIZE,
                7 * ParallelDigestInputStream.BUFFER_SIZE + 3
            })
    void bytesPassUnchangedAndTheDigestsAreThoseOfTheBytes(int size) throws Exception {
        byte[] bytes = GeneratedBytes.array(size, size);
        ParallelDigestInputStream in = stream(bytes, Long.MAX_VALUE, -1);
        // odd read sizes, so reads straddle the buffers
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[77_777];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            out.write(chunk, 0, n);
        }
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(in.total()).isEqualTo(size);
        assertThat(in.finish())
                .containsExactly(
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("MD5").digest(bytes)),
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-512").digest(bytes)));
    }

    @Test
    void passingTheCapFailsAndTheFailureIsKept() throws Exception {
        ParallelDigestInputStream in = stream(new byte[11], 10, -1);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(GlanceException.class);
        assertThat(in.failure().category()).isEqualTo(ErrorCategory.TOO_LARGE);
        assertThatThrownBy(in::read).isSameAs(in.failure());
        in.abort();
    }

    @Test
    void exactlyTheCapPasses() throws Exception {
        ParallelDigestInputStream in = stream(new byte[10], 10, 10);
        assertThat(in.readAllBytes()).hasSize(10);
        assertThat(in.finish()).hasSize(2);
    }

    @Test
    void finishBeforeTheEndIsABug() throws Exception {
        ParallelDigestInputStream in = stream(new byte[10], 100, -1);
        assertThatThrownBy(in::finish).isInstanceOf(IllegalStateException.class);
        in.abort();
    }

    @Test
    void aFailingSourceIsReportedAsInvalid() {
        ParallelDigestInputStream in = new ParallelDigestInputStream(
                org.glance4j.ports.testing.store.FailingInputStream.throwingIo(3_000_000, new IOException("cut")),
                Long.MAX_VALUE,
                -1,
                List.of(),
                threads);
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(GlanceException.class)
                .hasMessage("The image data could not be read from the request: the connection broke before all of"
                        + " it arrived.");
        assertThat(in.failure().category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(in.failure().getCause()).hasMessage("cut");
    }

    @Test
    void aSourceThatTimesOutIsSaidInTheApisWordsWithTheDetailInTheCause() {
        java.net.SocketTimeoutException timeout = new java.net.SocketTimeoutException("Read timed out (sun.nio.ch)");
        ParallelDigestInputStream in = new ParallelDigestInputStream(
                org.glance4j.ports.testing.store.FailingInputStream.throwingIo(1000, timeout),
                Long.MAX_VALUE,
                -1,
                List.of(),
                threads);
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(GlanceException.class)
                .hasMessage("The image data could not be read from the request: the client stopped sending it.");
        assertThat(in.failure().getCause()).isSameAs(timeout);
    }
}
