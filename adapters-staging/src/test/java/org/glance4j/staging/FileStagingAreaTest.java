package org.glance4j.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.StagingArea;
import org.glance4j.ports.testing.importing.StagingAreaContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging directory on a real file system: the contract, plus what only files show (names, leftovers). */
class FileStagingAreaTest extends StagingAreaContractTest {

    @TempDir
    Path dir;

    @Override
    protected StagingArea createStagingArea() {
        return new FileStagingArea(dir.resolve("staging"));
    }

    private Path stagingDir() {
        return ((FileStagingArea) staging).dir();
    }

    private long filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(stagingDir())) {
            return files.count();
        }
    }

    @Test
    void theStagedDataIsOneFileNamedAfterTheImageAndIsItsLocalPath() throws IOException {
        staging.write(IMAGE, new ByteArrayInputStream(new byte[] {7, 8, 9}));

        Path file = stagingDir().resolve(IMAGE);
        assertThat(Files.readAllBytes(file)).containsExactly(7, 8, 9);
        assertThat(staging.localPath(IMAGE)).contains(file);
        assertThat(staging.localPath(OTHER)).isEmpty();
        assertThat(filesInDir()).isEqualTo(1);
    }

    @Test
    void aFailedWriteOrReplaceLeavesNoPartialFile() throws IOException {
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() {
                if (sent++ < 5000) {
                    return 1;
                }
                throw GlanceException.tooLarge("too much");
            }
        };
        assertThatThrownBy(() -> staging.write(IMAGE, failing)).isInstanceOf(GlanceException.class);
        assertThat(filesInDir()).isZero();

        staging.write(IMAGE, new ByteArrayInputStream(new byte[10]));
        InputStream failingAgain = new InputStream() {
            @Override
            public int read() {
                throw GlanceException.invalid("damaged");
            }
        };
        assertThatThrownBy(() -> staging.replace(IMAGE, failingAgain)).isInstanceOf(GlanceException.class);
        assertThat(filesInDir()).isEqualTo(1);
    }

    @Test
    void deleteAlsoRemovesWorkFilesAndPartialFilesOfTheImage() throws IOException {
        staging.write(IMAGE, new ByteArrayInputStream(new byte[10]));
        staging.write(OTHER, new ByteArrayInputStream(new byte[10]));
        Files.write(stagingDir().resolve(IMAGE + ".qcow2"), new byte[1]);
        Files.write(((FileStagingArea) staging).workFile(IMAGE), new byte[1]);

        assertThat(staging.delete(IMAGE)).isTrue();

        try (Stream<Path> files = Files.list(stagingDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(OTHER);
        }
    }

    @Test
    void theDirectoryIsCreatedAndAnUncreatableOneIsAClearFailure() throws IOException {
        Path nested = dir.resolve("a/b/c");
        new FileStagingArea(nested);
        assertThat(nested).isDirectory();

        Path file = Files.write(dir.resolve("plain-file"), new byte[1]);
        assertThatThrownBy(() -> new FileStagingArea(file.resolve("below")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot create the staging directory");
    }
}
