package org.glance4j.ports.testing.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.StagingArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StagingArea} must meet. Extend it and return a fresh, empty staging area from
 * {@link #createStagingArea()} (called before each test).
 */
public abstract class StagingAreaContractTest {

    protected static final String IMAGE = "5b1f2c7e-8d5e-4a43-9a52-3f0c2b9e6d10";
    protected static final String OTHER = "0d7a4e3c-1111-4b6f-9c2e-7a8b9c0d1e2f";
    private static final byte[] BYTES = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    protected StagingArea staging;

    protected abstract StagingArea createStagingArea();

    @BeforeEach
    void setUpStagingArea() {
        staging = createStagingArea();
    }

    @Test
    void writtenDataIsThereWholeWithItsSizeAndReadableFromAnyPosition() throws IOException {
        assertThat(staging.write(IMAGE, new ByteArrayInputStream(BYTES))).isEqualTo(BYTES.length);

        assertThat(staging.has(IMAGE)).isTrue();
        assertThat(staging.size(IMAGE)).hasValue(BYTES.length);
        assertThat(read(IMAGE, 0, BYTES.length)).isEqualTo(BYTES);
        assertThat(read(IMAGE, 10, 5)).isEqualTo("abcde".getBytes(StandardCharsets.US_ASCII));
        assertThat(staging.has(OTHER)).isFalse();
    }

    @Test
    void anImageWithoutDataIsNoError() {
        assertThat(staging.has(IMAGE)).isFalse();
        assertThat(staging.size(IMAGE)).isEmpty();
        assertThat(staging.open(IMAGE)).isEmpty();
        assertThat(staging.delete(IMAGE)).isFalse();
    }

    @Test
    void emptyDataIsStagedAsZeroBytes() {
        assertThat(staging.write(IMAGE, InputStream.nullInputStream())).isZero();
        assertThat(staging.has(IMAGE)).isTrue();
        assertThat(staging.size(IMAGE)).hasValue(0);
    }

    @Test
    void aSecondWriteOfTheSameImageIsAConflictAndKeepsTheFirst() throws IOException {
        staging.write(IMAGE, new ByteArrayInputStream(BYTES));

        assertThatThrownBy(() -> staging.write(IMAGE, new ByteArrayInputStream(new byte[3])))
                .isInstanceOf(GlanceException.class)
                .extracting(e -> ((GlanceException) e).category())
                .isEqualTo(ErrorCategory.CONFLICT);
        assertThat(read(IMAGE, 0, BYTES.length)).isEqualTo(BYTES);
    }

    @Test
    void aStreamThatFailsLeavesNothingAndItsExceptionComesThroughUnchanged() {
        GlanceException refusal = GlanceException.tooLarge("too much");
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() {
                if (sent++ < 1000) {
                    return 'x';
                }
                throw refusal;
            }
        };

        assertThatThrownBy(() -> staging.write(IMAGE, failing)).isSameAs(refusal);
        assertThat(staging.has(IMAGE)).isFalse();
        assertThat(staging.size(IMAGE)).isEmpty();
    }

    @Test
    void aBrokenStreamIsAnUncheckedIoExceptionAndLeavesNothing() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> staging.write(IMAGE, broken)).isInstanceOf(UncheckedIOException.class);
        assertThat(staging.has(IMAGE)).isFalse();
    }

    @Test
    void replaceSwapsTheDataAndAFailedReplaceKeepsTheOld() throws IOException {
        staging.write(IMAGE, new ByteArrayInputStream(BYTES));

        assertThat(staging.replace(IMAGE, new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isEqualTo(3);
        assertThat(read(IMAGE, 0, 3)).containsExactly(1, 2, 3);
        assertThat(staging.size(IMAGE)).hasValue(3);

        GlanceException refusal = GlanceException.invalid("damaged");
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw refusal;
            }
        };
        assertThatThrownBy(() -> staging.replace(IMAGE, failing)).isSameAs(refusal);
        assertThat(read(IMAGE, 0, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void replacingDataThatIsNotThereIsNotFound() {
        assertThatThrownBy(() -> staging.replace(IMAGE, new ByteArrayInputStream(BYTES)))
                .isInstanceOf(GlanceException.class)
                .extracting(e -> ((GlanceException) e).category())
                .isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(staging.has(IMAGE)).isFalse();
    }

    @Test
    void deleteRemovesOnlyThatImage() {
        staging.write(IMAGE, new ByteArrayInputStream(BYTES));
        staging.write(OTHER, new ByteArrayInputStream(BYTES));

        assertThat(staging.delete(IMAGE)).isTrue();
        assertThat(staging.delete(IMAGE)).isFalse();
        assertThat(staging.has(IMAGE)).isFalse();
        assertThat(staging.has(OTHER)).isTrue();
        assertThat(staging.write(IMAGE, new ByteArrayInputStream(new byte[1]))).isEqualTo(1);
    }

    @Test
    void idsThatCannotNameStagedDataAreInvalid() {
        for (String bad : new String[] {"", ".hidden", "../escape", "a/b", "a\\b"}) {
            assertThatThrownBy(() -> staging.write(bad, new ByteArrayInputStream(BYTES)))
                    .as("id %s", bad)
                    .isInstanceOf(GlanceException.class)
                    .extracting(e -> ((GlanceException) e).category())
                    .isEqualTo(ErrorCategory.INVALID);
        }
    }

    @Test
    void ofConcurrentWritesOfOneImageExactlyOneWins() throws Exception {
        int writers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte fill = (byte) i;
                Callable<Boolean> write = () -> {
                    start.await();
                    try {
                        staging.write(IMAGE, new ByteArrayInputStream(filled(64 * 1024, fill)));
                        return true;
                    } catch (GlanceException e) {
                        assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT);
                        return false;
                    }
                };
                results.add(pool.submit(write));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        byte[] staged = read(IMAGE, 0, 64 * 1024);
        assertThat(staged).containsOnly(staged[0]);
    }

    private static byte[] filled(int size, byte value) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    /** Reads {@code length} bytes of the staged data of {@code imageId} from {@code position}. */
    protected byte[] read(String imageId, long position, int length) throws IOException {
        try (SeekableByteChannel channel = staging.open(imageId).orElseThrow()) {
            channel.position(position);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // until full or the end
            }
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        }
    }
}
