package org.glance4j.ports.out.store.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    @Test
    void refillsInPartsUntilTheSourceEndsAndDeletesItsFile() throws IOException {
        byte[] data = new byte[700_000];
        Arrays.fill(data, (byte) 7);
        data[699_999] = 9;
        InputStream source = new ByteArrayInputStream(data);
        Path file;
        try (Spool spool = Spool.create("s3a", dir)) {
            file = spool.file();
            assertThat(file.getParent()).isEqualTo(dir);
            assertThat(spool.refill(source, 300_000)).isEqualTo(300_000);
            assertThat(Files.size(file)).isEqualTo(300_000);
            try (InputStream in = spool.openInput();
                    InputStream again = spool.openInput()) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 0, 300_000));
                assertThat(again.readAllBytes()).hasSize(300_000);
            }
            assertThat(spool.refill(source, 300_000)).isEqualTo(300_000);
            assertThat(spool.refill(source, 300_000)).isEqualTo(100_000);
            assertThat(spool.length()).isEqualTo(100_000);
            try (InputStream in = spool.openInput()) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 600_000, 700_000));
            }
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void failuresOfTheSourceKeepTheirIdentity() {
        IOException dropped = new IOException("client went away");
        InputStream failingIo = new InputStream() {
            @Override
            public int read() throws IOException {
                throw dropped;
            }
        };
        GlanceException limit = GlanceException.tooLarge("too large");
        InputStream failingRuntime = new InputStream() {
            @Override
            public int read() {
                throw limit;
            }
        };
        try (Spool spool = Spool.create("s3a", null)) {
            assertThat(catchThrowable(() -> spool.refill(failingIo, 10)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCause(dropped);
            assertThat(catchThrowable(() -> spool.refill(failingRuntime, 10))).isSameAs(limit);
        }
    }

    @Test
    void aMissingSpoolDirectoryIsUnavailableNamingTheStore() {
        Throwable thrown = catchThrowable(() -> Spool.create("s3a", dir.resolve("missing")));
        assertThat(thrown)
                .isInstanceOf(GlanceException.class)
                .hasMessageStartingWith("Store 's3a' cannot keep")
                .hasMessageNotContaining(dir.toString());
        assertThat(((GlanceException) thrown).category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    }
}
