package org.glance4j.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code file} store does natively when it composes: the first part's local file becomes the image file
 * by a rename (same inode, no bytes copied), the other local files are appended and then removed, and a failure
 * gives the first local file back with its bytes.
 */
class FilesystemComposedWriteTest {
    @TempDir
    Path tempDir;

    private Path parts;
    private FilesystemImageStore store;

    @BeforeEach
    void openStore() throws IOException {
        parts = Files.createDirectories(tempDir.resolve("parts"));
        store = (FilesystemImageStore) new FilesystemImageStoreFactory()
                .create(
                        "local",
                        Map.of(
                                FilesystemStoreSettings.DATADIR,
                                tempDir.resolve("images").toString()));
    }

    @Test
    void theFirstLocalFileBecomesTheImageFileAndTheOthersAreTakenOver() throws IOException {
        ImagePart first = localPart("first", 3 * 1024 * 1024 + 5, 1);
        ImagePart second = localPart("second", 1024 * 1024, 2);
        ImagePart streamed = new ImagePart(100_000, () -> GeneratedBytes.of(100_000, 3), Optional.empty());
        Object firstInode = Files.getAttribute(first.localFile().orElseThrow(), "unix:ino");

        StoredObject written = store.writeComposed(UUID.randomUUID().toString(), List.of(first, second, streamed));

        Path image = Path.of(written.location().substring("file://".length()));
        assertThat(Files.getAttribute(image, "unix:ino"))
                .as("inode of the image file")
                .isEqualTo(firstInode);
        assertThat(first.localFile().orElseThrow()).doesNotExist();
        assertThat(second.localFile().orElseThrow()).doesNotExist();
        assertThat(written.size()).isEqualTo(3 * 1024 * 1024 + 5 + 1024 * 1024 + 100_000);
        assertThat(GeneratedBytes.sha256(Files.newInputStream(image)))
                .isEqualTo(GeneratedBytes.sha256(new java.io.SequenceInputStream(
                        java.util.Collections.enumeration(List.of(
                                GeneratedBytes.of(3 * 1024 * 1024 + 5, 1),
                                GeneratedBytes.of(1024 * 1024, 2),
                                GeneratedBytes.of(100_000, 3))))));
    }

    @Test
    void aFailureAfterTheRenameGivesTheFirstLocalFileBackWithItsBytes() throws IOException {
        ImagePart first = localPart("first", 2 * 1024 * 1024, 4);
        Object firstInode = Files.getAttribute(first.localFile().orElseThrow(), "unix:ino");
        IOException dropped = new IOException("gone");
        ImagePart failing = new ImagePart(
                1000,
                () -> new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw dropped;
                    }
                },
                Optional.empty());

        Throwable thrown =
                catchThrowable(() -> store.writeComposed(UUID.randomUUID().toString(), List.of(first, failing)));

        assertThat(thrown).isInstanceOf(UncheckedIOException.class).hasCause(dropped);
        Path local = first.localFile().orElseThrow();
        assertThat(Files.getAttribute(local, "unix:ino")).isEqualTo(firstInode);
        assertThat(GeneratedBytes.sha256(Files.newInputStream(local)))
                .isEqualTo(GeneratedBytes.sha256(2 * 1024 * 1024, 4));
        try (var left = Files.list(store.dataDir())) {
            assertThat(left).as("files in the data directory").isEmpty();
        }
    }

    private ImagePart localPart(String name, long size, long seed) throws IOException {
        Path file = parts.resolve(name);
        try (InputStream in = GeneratedBytes.of(size, seed)) {
            Files.copy(in, file);
        }
        return new ImagePart(size, () -> open(file), Optional.of(file));
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
