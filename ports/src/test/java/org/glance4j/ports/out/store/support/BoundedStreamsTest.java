package org.glance4j.ports.out.store.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.junit.jupiter.api.Test;

class BoundedStreamsTest {
    private static final byte[] DATA = new byte[10_000];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) (i * 31);
        }
    }

    @Test
    void boundedStreamEndsAtItsLimitAndClosesTheOther() throws IOException {
        AtomicInteger closed = new AtomicInteger();
        InputStream source = new ByteArrayInputStream(DATA) {
            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        try (BoundedInputStream in = new BoundedInputStream(source, 1000)) {
            assertThat(in.read()).isEqualTo(DATA[0] & 0xFF);
            assertThat(in.skip(9)).isEqualTo(9);
            byte[] rest = in.readAllBytes();
            assertThat(rest).hasSize(990).isEqualTo(java.util.Arrays.copyOfRange(DATA, 10, 1000));
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(new byte[5], 0, 0)).isZero();
            assertThat(in.remaining()).isZero();
        }
        assertThat(closed).hasValue(1);
    }

    @Test
    void rangeStreamReadsAtPositionsInBoundedReadsAndClosesTheSourceOnce() throws IOException {
        List<long[]> reads = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        PositionedSource source = new PositionedSource() {
            @Override
            public int read(long position, byte[] buffer, int offset, int length) {
                reads.add(new long[] {position, length});
                if (position >= DATA.length) {
                    return -1;
                }
                int n = (int) Math.min(length, DATA.length - position);
                System.arraycopy(DATA, (int) position, buffer, offset, n);
                return n;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        RangeInputStream in = new RangeInputStream(source, 100, 5000, 1024);
        byte[] all = in.readAllBytes();
        assertThat(all).isEqualTo(java.util.Arrays.copyOfRange(DATA, 100, 5100));
        assertThat(reads).allSatisfy(r -> assertThat(r[1]).isLessThanOrEqualTo(1024));
        assertThat(reads.get(0)[0]).isEqualTo(100);
        in.close();
        in.close();
        assertThat(closed).hasValue(1);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }

    @Test
    void rangeStreamEndsEarlyWhenTheSourceEnds() throws IOException {
        PositionedSource source = new PositionedSource() {
            @Override
            public int read(long position, byte[] buffer, int offset, int length) {
                if (position >= DATA.length) {
                    return -1;
                }
                int n = (int) Math.min(length, DATA.length - position);
                System.arraycopy(DATA, (int) position, buffer, offset, n);
                return n;
            }

            @Override
            public void close() {}
        };
        try (RangeInputStream in = new RangeInputStream(source, 9000, Long.MAX_VALUE)) {
            assertThat(in.readAllBytes()).hasSize(1000);
        }
    }

    @Test
    void rangesAreCutAtTheEndAndRefusedPastIt() {
        assertThat(ByteRanges.servedLength("s", null, 50)).isEqualTo(50);
        assertThat(ByteRanges.servedLength("s", new ByteRange(10, 5), 50)).isEqualTo(5);
        assertThat(ByteRanges.servedLength("s", new ByteRange(45, 100), 50)).isEqualTo(5);
        assertThat(ByteRanges.start(null)).isZero();
        for (long offset : new long[] {50, 51}) {
            assertThatThrownBy(() -> ByteRanges.servedLength("s", new ByteRange(offset, 1), 50))
                    .isInstanceOf(GlanceException.class)
                    .hasMessageContaining("store 's'")
                    .extracting(e -> ((GlanceException) e).category())
                    .isEqualTo(ErrorCategory.RANGE_NOT_SATISFIABLE);
        }
        assertThatThrownBy(() -> ByteRanges.servedLength("s", new ByteRange(0, 1), 0))
                .isInstanceOf(GlanceException.class);
    }
}
