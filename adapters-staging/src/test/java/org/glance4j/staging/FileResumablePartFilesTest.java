package org.glance4j.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Part files of resumable uploads on a real directory: appends at the offset, kept or discarded, one at a time. */
class FileResumablePartFilesTest {
    @TempDir
    Path dir;

    private final byte[] bytes = new byte[3_000_000];

    {
        new java.util.Random(7).nextBytes(bytes);
    }

    private FileResumablePartFiles parts() {
        return new FileResumablePartFiles(dir.resolve("tus"));
    }

    private static InputStream slice(byte[] data, int from, int to) {
        return new ByteArrayInputStream(Arrays.copyOfRange(data, from, to));
    }

    private static void assertCategory(Runnable call, ErrorCategory category) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(category));
    }

    @Test
    void appendsGrowThePartInOrderAndSurviveANewInstance() throws IOException {
        FileResumablePartFiles parts = parts();
        parts.create("u1");
        assertThat(parts.size("u1")).hasValue(0);

        assertThat(parts.append("u1", 0, slice(bytes, 0, 1_000_000), true, () -> {}))
                .isEqualTo(1_000_000);
        assertThat(parts.append("u1", 1_000_000, slice(bytes, 1_000_000, bytes.length), true, () -> {}))
                .isEqualTo(bytes.length);

        FileResumablePartFiles restarted = parts();
        assertThat(restarted.size("u1")).hasValue(bytes.length);
        try (InputStream in = restarted.open("u1").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(restarted.localPath("u1"))
                .hasValueSatisfying(p -> assertThat(Files.isRegularFile(p)).isTrue());
    }

    @Test
    void anAppendAtAnotherOffsetIsAConflict() {
        FileResumablePartFiles parts = parts();
        parts.create("u1");
        parts.append("u1", 0, slice(bytes, 0, 10), true, () -> {});

        assertCategory(() -> parts.append("u1", 5, slice(bytes, 5, 20), true, () -> {}), ErrorCategory.CONFLICT);
        assertCategory(() -> parts.append("u1", 0, slice(bytes, 0, 20), true, () -> {}), ErrorCategory.CONFLICT);
        assertThat(parts.size("u1")).hasValue(10);
    }

    @Test
    void aFailingCheckBeforeCommitDiscardsTheAppendedBytes() {
        FileResumablePartFiles parts = parts();
        parts.create("u1");
        parts.append("u1", 0, slice(bytes, 0, 100), true, () -> {});

        assertCategory(
                () -> parts.append("u1", 100, slice(bytes, 100, 5000), true, () -> {
                    throw GlanceException.invalid("checksum");
                }),
                ErrorCategory.INVALID);

        assertThat(parts.size("u1")).hasValue(100);
    }

    @Test
    void aBrokenStreamKeepsWhatArrivedOnlyWhenAsked() {
        FileResumablePartFiles parts = parts();
        parts.create("kept");
        parts.create("dropped");

        assertThatThrownBy(() -> parts.append("kept", 0, breakingAfter(4000), true, () -> {}))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> parts.append("dropped", 0, breakingAfter(4000), false, () -> {}))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(parts.size("kept")).hasValue(4000);
        assertThat(parts.size("dropped")).hasValue(0);
    }

    private InputStream breakingAfter(int count) {
        return new InputStream() {
            private int sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= count) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(len, count - sent);
                System.arraycopy(bytes, sent, b, off, n);
                sent += n;
                return n;
            }
        };
    }

    @Test
    void aSecondAppendWhileOneRunsIsAConflict() throws Exception {
        FileResumablePartFiles parts = parts();
        parts.create("u1");
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            private boolean sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent) {
                    return -1;
                }
                reading.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sent = true;
                b[off] = 1;
                return 1;
            }
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Long> first = thread.submit(() -> parts.append("u1", 0, slow, true, () -> {}));
            assertThat(reading.await(60, TimeUnit.SECONDS)).isTrue();

            assertCategory(() -> parts.append("u1", 0, slice(bytes, 0, 5), true, () -> {}), ErrorCategory.CONFLICT);

            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            release.countDown();
            thread.shutdownNow();
        }
        assertThat(parts.size("u1")).hasValue(1);
    }

    @Test
    void missingPartsAndBadIds() {
        FileResumablePartFiles parts = parts();
        parts.create("u1");

        assertCategory(() -> parts.create("u1"), ErrorCategory.CONFLICT);
        assertCategory(() -> parts.append("none", 0, slice(bytes, 0, 1), true, () -> {}), ErrorCategory.NOT_FOUND);
        assertCategory(() -> parts.create("../x"), ErrorCategory.INVALID);
        assertCategory(() -> parts.create(".hidden"), ErrorCategory.INVALID);
        assertThat(parts.size("none")).isEmpty();
        assertThat(parts.open("none")).isEmpty();
        assertThat(parts.localPath("none")).isEmpty();
        assertThat(parts.delete("u1")).isTrue();
        assertThat(parts.delete("u1")).isFalse();
        assertThat(parts.size("u1")).isEmpty();
    }
}
