package org.glance4j.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the {@code file} store does: crash leftovers, path escapes, its directory checks and options. */
class FilesystemImageStoreTest {
    @TempDir
    Path tempDir;

    private Path dataDir;

    @BeforeEach
    void chooseDataDir() {
        dataDir = tempDir.resolve("images");
    }

    private FilesystemImageStore open(Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(extraOptions);
        options.put(FilesystemStoreSettings.DATADIR, dataDir.toString());
        return (FilesystemImageStore) new FilesystemImageStoreFactory().create("local", options);
    }

    private FilesystemImageStore open() {
        return open(Map.of());
    }

    // ------------------------------------------------------------------------------------------- crash safety

    @Test
    void leftoverTemporaryFilesAreRemovedAtStartUpAndImagesAreKept() throws IOException {
        Files.createDirectories(dataDir);
        String kept = UUID.randomUUID().toString();
        Files.write(dataDir.resolve(kept), new byte[] {1, 2, 3});
        Path leftover1 = dataDir.resolve(FilesystemImageStore.TEMP_PREFIX + UUID.randomUUID() + ".0011223344556677");
        Path leftover2 = dataDir.resolve(FilesystemImageStore.TEMP_PREFIX + UUID.randomUUID() + ".8899aabbccddeeff");
        Files.write(leftover1, new byte[1000]);
        Files.write(leftover2, new byte[0]);

        FilesystemImageStore store = open();

        assertThat(store.leftoversRemoved()).isEqualTo(2);
        assertThat(leftover1).doesNotExist();
        assertThat(leftover2).doesNotExist();
        assertThat(listDataDir()).containsExactly(kept);
        assertThat(store.size("file://" + dataDir.resolve(kept))).isEqualTo(3);
    }

    @Test
    void aTemporaryFileIsNeverServed() throws IOException {
        FilesystemImageStore store = open();
        Path leftover = dataDir.resolve(FilesystemImageStore.TEMP_PREFIX + "x.0011223344556677");
        Files.write(leftover, new byte[100]);
        String location = "file://" + leftover;

        assertCategory(() -> store.read(location, null), ErrorCategory.NOT_FOUND);
        assertCategory(() -> store.read(location, new ByteRange(0, 1)), ErrorCategory.NOT_FOUND);
        assertCategory(() -> store.size(location), ErrorCategory.NOT_FOUND);
        assertThat(store.delete(location)).isFalse();
        assertThat(leftover).exists();
    }

    @Test
    void anUploadRunningInThisProcessSurvivesAStoreStartingOnTheSameDirectory() throws Exception {
        FilesystemImageStore first = open();
        String imageId = UUID.randomUUID().toString();
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream pausing =
                new PausingInputStream(GeneratedBytes.of(300_000, 8), new Pause(100_000, halfway, release));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<StoredObject> write = writer.submit(() -> first.write(imageId, pausing, 300_000));
            assertThat(halfway.await(1, TimeUnit.MINUTES)).isTrue();

            FilesystemImageStore second = open();

            assertThat(second.leftoversRemoved()).isZero();
            release.countDown();
            StoredObject written = write.get(1, TimeUnit.MINUTES);
            assertThat(GeneratedBytes.sha256(second.read(written.location(), null)))
                    .isEqualTo(GeneratedBytes.sha256(300_000, 8));
        } finally {
            release.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    void anUploadRunningInAnotherProcessSurvivesAStoreStartingOnTheSameDirectory() throws Exception {
        Files.createDirectories(dataDir);
        Path live = dataDir.resolve(FilesystemImageStore.TEMP_PREFIX + UUID.randomUUID() + ".0011223344556677");
        Files.write(live, new byte[100]);
        String javaBinary =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(UploadLockHolder.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        Process holder = new ProcessBuilder(
                        javaBinary, "-Xmx16m", "-cp", classes, UploadLockHolder.class.getName(), live.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("locked");

            assertThat(open().leftoversRemoved()).isZero();
            assertThat(live).exists();

            holder.getOutputStream().close();
            assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(open().leftoversRemoved()).isEqualTo(1);
            assertThat(live).doesNotExist();
        } finally {
            holder.destroy();
        }
    }

    @Test
    void deletingTheAbandonedWritesOfAnImageRemovesOnlyItsUnlockedTemporaryFiles() throws Exception {
        FilesystemImageStore store = open();
        String imageId = UUID.randomUUID().toString();
        String otherId = UUID.randomUUID().toString();
        Path dead = dataDir.resolve(FilesystemImageStore.TEMP_PREFIX + imageId + ".0011223344556677");
        Path live = dataDir.resolve(FilesystemImageStore.TEMP_PREFIX + imageId + ".8899aabbccddeeff");
        Path otherImage = dataDir.resolve(FilesystemImageStore.TEMP_PREFIX + otherId + ".0011223344556677");
        Files.write(dead, new byte[100]);
        Files.write(live, new byte[100]);
        Files.write(otherImage, new byte[100]);
        String javaBinary =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(UploadLockHolder.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        Process holder = new ProcessBuilder(
                        javaBinary, "-Xmx16m", "-cp", classes, UploadLockHolder.class.getName(), live.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("locked");

            assertThat(store.deleteAbandonedWrites(imageId)).isEqualTo(1);
            assertThat(dead).doesNotExist();
            assertThat(live).as("a write another process still runs").exists();
            assertThat(otherImage).as("another image's leftover").exists();

            holder.getOutputStream().close();
            assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(store.deleteAbandonedWrites(imageId)).isEqualTo(1);
            assertThat(live).doesNotExist();
        } finally {
            holder.destroy();
        }
    }

    @Test
    void anImageIsNotServedWhileItIsBeingWritten() throws Exception {
        FilesystemImageStore store = open();
        String imageId = UUID.randomUUID().toString();
        String finalLocation = "file://" + dataDir.resolve(imageId);
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream pausing =
                new PausingInputStream(GeneratedBytes.of(2_000_000, 5), new Pause(1_000_000, halfway, release));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<StoredObject> write = writer.submit(() -> store.write(imageId, pausing, 2_000_000));
            assertThat(halfway.await(1, TimeUnit.MINUTES)).isTrue();

            assertCategory(() -> store.read(finalLocation, null), ErrorCategory.NOT_FOUND);
            assertCategory(() -> store.size(finalLocation), ErrorCategory.NOT_FOUND);
            assertThat(listDataDir()).singleElement().asString().startsWith(FilesystemImageStore.TEMP_PREFIX + imageId);

            release.countDown();
            StoredObject written = write.get(1, TimeUnit.MINUTES);
            assertThat(written.location()).isEqualTo(finalLocation);
            assertThat(GeneratedBytes.sha256(store.read(finalLocation, null)))
                    .isEqualTo(GeneratedBytes.sha256(2_000_000, 5));
            assertThat(listDataDir()).containsExactly(imageId);
        } finally {
            release.countDown();
            writer.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------- locations

    @Test
    void locationIsTheFileUriGlanceStoreWrites() {
        FilesystemImageStore store = open();
        String imageId = UUID.randomUUID().toString();
        StoredObject written = store.write(imageId, new ByteArrayInputStream(new byte[] {9}), 1);
        assertThat(written.location()).isEqualTo("file://" + dataDir.toAbsolutePath() + "/" + imageId);
        assertThat(written.location()).startsWith("file:///");
        assertThat(store.size("filesystem://" + dataDir.toAbsolutePath() + "/" + imageId))
                .isEqualTo(1);
    }

    @Test
    void locationsOutsideTheDataDirectoryAreRefused() throws IOException {
        FilesystemImageStore store = open();
        Files.createDirectories(dataDir.resolve("sub"));
        Files.write(dataDir.resolve("sub").resolve("x"), new byte[] {1});
        Path outside = tempDir.resolve("outside");
        Files.write(outside, new byte[] {1});
        List<String> escapes = List.of(
                "file:///etc/passwd",
                "file://" + dataDir + "/../outside",
                "file://" + dataDir + "/./../outside",
                "file://" + dataDir + "/sub/x",
                "file://" + dataDir,
                "file://" + dataDir + "/",
                "file://relative/path",
                "swift://example/container/obj",
                "");
        for (String location : escapes) {
            assertCategory(() -> store.read(location, null), ErrorCategory.INVALID);
            assertCategory(() -> store.read(location, new ByteRange(0, 1)), ErrorCategory.INVALID);
            assertCategory(() -> store.size(location), ErrorCategory.INVALID);
            assertCategory(() -> store.delete(location), ErrorCategory.INVALID);
        }
        assertThat(outside).exists();
        assertThat(Path.of("/etc/passwd")).exists();
    }

    @Test
    void imageIdsThatAreNotPlainFileNamesAreRefused() {
        FilesystemImageStore store = open();
        for (String imageId : new String[] {"../outside", "a/b", "..", ".", "", ".hidden", "/etc/x", "a\\b"}) {
            assertCategory(
                    () -> store.write(imageId, new ByteArrayInputStream(new byte[] {1}), 1), ErrorCategory.INVALID);
        }
        assertThat(tempDir.resolve("outside")).doesNotExist();
        assertThat(listDataDir()).isEmpty();
    }

    @Test
    void aSymbolicLinkInTheDataDirectoryIsNotServed() throws IOException {
        FilesystemImageStore store = open();
        Path target = tempDir.resolve("secret");
        Files.write(target, new byte[] {42});
        Files.createSymbolicLink(dataDir.resolve("link"), target);
        String location = "file://" + dataDir.resolve("link");

        assertCategory(() -> store.read(location, null), ErrorCategory.NOT_FOUND);
        assertCategory(() -> store.size(location), ErrorCategory.NOT_FOUND);
        assertThat(store.delete(location)).isFalse();
        assertThat(target).exists();
    }

    @Test
    void writingAnImageThatIsAlreadyStoredConflictsAndKeepsTheFirst() throws IOException {
        FilesystemImageStore store = open();
        String imageId = UUID.randomUUID().toString();
        StoredObject first = store.write(imageId, new ByteArrayInputStream(new byte[] {1, 2}), 2);
        assertCategory(() -> store.write(imageId, new ByteArrayInputStream(new byte[] {3}), 1), ErrorCategory.CONFLICT);
        try (InputStream in = store.read(first.location(), null)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2);
        }
        assertThat(listDataDir()).containsExactly(imageId);
    }

    // ------------------------------------------------------------------------------------------- the data directory

    @Test
    void aMissingDataDirectoryIsCreated() {
        dataDir = tempDir.resolve("a/b/images");
        FilesystemImageStore store = open();
        assertThat(dataDir).isDirectory();
        assertThat(store.dataDir()).isEqualTo(dataDir.toAbsolutePath().normalize());
        assertThat(store.leftoversRemoved()).isZero();
    }

    @Test
    void aDataDirectoryThatIsARegularFileIsAClearConfigurationError() throws IOException {
        Files.writeString(dataDir, "I am a file");
        assertInvalidDataDir(() -> open(), "not a directory");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsAClearConfigurationError() throws IOException {
        Files.writeString(tempDir.resolve("blocker"), "I am a file");
        dataDir = tempDir.resolve("blocker/images");
        assertInvalidDataDir(() -> open(), "cannot be created");
    }

    @Test
    void aMissingDataDirectoryOptionIsAClearConfigurationError() {
        Throwable thrown = catchThrowable(() -> new FilesystemImageStoreFactory().create("local", Map.of()));
        assertThat(thrown).isInstanceOf(GlanceException.class);
        assertThat(((GlanceException) thrown).category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(thrown).hasMessage("Store 'local': option filesystem_store_datadir is required");
    }

    @Test
    void aDataDirectoryWithoutWritePermissionIsAClearConfigurationErrorUnlessRoot() throws IOException {
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            boolean root = Files.isWritable(dataDir);
            if (root) {
                // root ignores permission bits: the store must then simply work, since it probes with a real file
                assertThat(open().leftoversRemoved()).isZero();
            } else {
                assertInvalidDataDir(() -> open(), "not writable");
            }
        } finally {
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private void assertInvalidDataDir(ThrowingCallable call, String problem) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(GlanceException.class);
        assertThat(((GlanceException) thrown).category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(thrown.getMessage())
                .startsWith("Store 'local': option filesystem_store_datadir names ")
                .contains(problem)
                .doesNotContain("Exception")
                .doesNotContain("\n");
    }

    // ------------------------------------------------------------------------------------------- options

    @Test
    void filePermissionsAreAppliedAndTheDirectoryBecomesTraversable() throws IOException {
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        FilesystemImageStore store = open(Map.of(FilesystemStoreSettings.FILE_PERM, "640"));
        StoredObject written = store.write(UUID.randomUUID().toString(), new ByteArrayInputStream(new byte[3]), 3);
        Path file = Path.of(written.location().substring("file://".length()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
        Set<PosixFilePermission> dirMode = Files.getPosixFilePermissions(dataDir);
        assertThat(dirMode)
                .contains(PosixFilePermission.GROUP_EXECUTE)
                .doesNotContain(PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void thinProvisioningKeepsEveryByteIncludingTrailingZeros() throws IOException {
        FilesystemImageStore store = open(
                Map.of(FilesystemStoreSettings.THIN_PROVISIONING, "true", FilesystemStoreSettings.CHUNK_SIZE, "4096"));
        byte[] content = new byte[5 * 4096 + 100];
        content[4096 * 2 + 7] = 5;
        content[4096 * 3] = 6;
        StoredObject written =
                store.write(UUID.randomUUID().toString(), new ByteArrayInputStream(content), content.length);
        assertThat(written.size()).isEqualTo(content.length);
        assertThat(store.size(written.location())).isEqualTo(content.length);
        try (InputStream in = store.read(written.location(), null)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        StoredObject zeros =
                store.write(UUID.randomUUID().toString(), new ByteArrayInputStream(new byte[10_000]), 10_000);
        assertThat(store.size(zeros.location())).isEqualTo(10_000);
    }

    @Test
    void anOddChunkSizeChangesNothingButTheBufferSize() throws IOException {
        FilesystemImageStore store = open(Map.of(FilesystemStoreSettings.CHUNK_SIZE, "7"));
        byte[] content = GeneratedBytes.array(10_001, 3);
        StoredObject written = store.write(UUID.randomUUID().toString(), new ByteArrayInputStream(content), -1);
        try (InputStream in = store.read(written.location(), new ByteRange(3, 9_000))) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 3, 9_003));
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private List<String> listDataDir() {
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertCategory(ThrowingCallable call, ErrorCategory category) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(GlanceException.class);
        assertThat(((GlanceException) thrown).category())
                .as(thrown.getMessage())
                .isEqualTo(category);
    }

    /** Where a {@link PausingInputStream} stops: it signals {@code paused} there and waits for {@code release}. */
    private record Pause(long at, CountDownLatch paused, CountDownLatch release) {}

    /** Delivers bytes until the pause, then signals and waits for release before delivering the rest. */
    private static final class PausingInputStream extends InputStream {
        private final InputStream delegate;
        private final Pause pause;
        private long delivered;

        PausingInputStream(InputStream delegate, Pause pause) {
            this.delegate = delegate;
            this.pause = pause;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (delivered == pause.at()) {
                pause.paused().countDown();
                try {
                    pause.release().await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            int limit = delivered < pause.at() ? (int) Math.min(len, pause.at() - delivered) : len;
            int n = delegate.read(b, off, limit);
            if (n > 0) {
                delivered += n;
            }
            return n;
        }
    }
}
