package org.glance4j.ports.out.store.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRegionInputStreamTest {
    @TempDir
    Path tempDir;

    private final byte[] content = GeneratedBytes.array(3 * 1024 * 1024 + 5, 21);

    private FileRegionInputStream region(long offset, long length) throws IOException {
        Path file = tempDir.resolve("data");
        if (!Files.exists(file)) {
            Files.write(file, content);
        }
        return new FileRegionInputStream(FileChannel.open(file, StandardOpenOption.READ), offset, length);
    }

    @Test
    void transferToAChannelSendsExactlyTheRegionAndAdvances() throws IOException {
        Path copy = tempDir.resolve("copy");
        try (FileRegionInputStream in = region(100, 2 * 1024 * 1024);
                FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            assertThat(in.transferTo(out)).isEqualTo(2 * 1024 * 1024);
            assertThat(in.remaining()).isZero();
            assertThat(in.position()).isEqualTo(100 + 2 * 1024 * 1024);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(Files.readAllBytes(copy)).isEqualTo(Arrays.copyOfRange(content, 100, 100 + 2 * 1024 * 1024));
    }

    @Test
    void transferToAnOutputStreamAfterPartialReadsAndASkip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FileRegionInputStream in = region(10, 1_000_000)) {
            assertThat(in.read()).isEqualTo(content[10] & 0xFF);
            assertThat(in.skip(99)).isEqualTo(99);
            assertThat(in.transferTo(out)).isEqualTo(1_000_000 - 100);
        }
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 110, 1_000_010));
    }

    @Test
    void skipStopsAtTheEndOfTheRegionAndAClosedStreamRefuses() throws IOException {
        FileRegionInputStream in = region(content.length - 10, 10);
        assertThat(in.available()).isEqualTo(10);
        assertThat(in.skip(1000)).isEqualTo(10);
        assertThat(in.read(new byte[4])).isEqualTo(-1);
        in.close();
        assertThat(in.channel().isOpen()).isFalse();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
}
