package org.glance4j.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ReadThroughInputStreamTest {

    /** Counts the bytes its read passes on. */
    static final class Counting extends ReadThroughInputStream {
        long seen;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            seen += Math.max(n, 0);
            return n;
        }
    }

    @Test
    void skippedBytesAreReadThroughSoThatTheStreamSeesThem() throws IOException {
        Counting in = new Counting(new ByteArrayInputStream(new byte[200_000]));

        assertThat(in.skip(150_000)).isEqualTo(150_000);
        assertThat(in.seen).isEqualTo(150_000);
        assertThat(in.skip(0)).isZero();
        assertThat(in.skip(-5)).isZero();
        assertThat(in.skip(100_000)).isEqualTo(50_000);
        assertThat(in.seen).isEqualTo(200_000);
        assertThat(in.skip(1)).isZero();
    }

    @Test
    void markAndResetAreNotSupported() {
        Counting in = new Counting(new ByteArrayInputStream(new byte[10]));

        assertThat(in.markSupported()).isFalse();
        in.mark(5);
        assertThatThrownBy(in::reset).isInstanceOf(IOException.class).hasMessage("mark/reset not supported");
    }
}
