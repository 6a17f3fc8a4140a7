package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot be used, at start and at run time, with the runnable jar. Everything here works as root
 * (permissions do not stop root): an unusable directory is a path under a regular file, a full disk is
 * {@code ulimit -f} (writes past it fail with "File too large", as with ENOSPC), a store that breaks while the
 * server runs is its directory replaced by a regular file.
 */
class StoreFailureProcessTest {

    private static final long SIZE_A = 4L * 1024 * 1024 + 3;

    @Test
    void aStoreDirectoryThatCannotBeMadeStopsTheStartNamingStoreAndOption(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
        Path conf = Files.writeString(
                dir.resolve("glance-api.conf"),
                "[glance_store]\nfilesystem_store_datadir = " + blocker.resolve("images") + "\n");
        try (ServerProcess server =
                ServerProcess.start(dir.resolve("data"), dir.resolve("server.log"), 0, "--config", conf.toString())) {
            assertThat(server.awaitExit())
                    .as("exit status; output:%n%s", server.output())
                    .isEqualTo(1);
            assertThat(server.output())
                    .contains("cannot start store 'file' (type file, options in [glance_store])")
                    .contains("filesystem_store_datadir")
                    .contains(blocker.resolve("images").toString())
                    .doesNotContain("glance4j listening")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void anEnabledBackendThatCannotStartStopsTheStartNamingItsSection(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
        Path conf = Files.writeString(
                dir.resolve("glance-api.conf"),
                "[DEFAULT]\nenabled_backends = fast:file\n"
                        + "[glance_store]\ndefault_backend = fast\n[fast]\nfilesystem_store_datadir = " + blocker
                        + "\n");
        try (ServerProcess server =
                ServerProcess.start(dir.resolve("data"), dir.resolve("server.log"), 0, "--config", conf.toString())) {
            assertThat(server.awaitExit())
                    .as("exit status; output:%n%s", server.output())
                    .isEqualTo(1);
            assertThat(server.output())
                    .contains("cannot start store 'fast' (type file, options in [fast])")
                    .contains("option filesystem_store_datadir names " + blocker + ", which is not a directory");
        }
    }

    @Test
    void aFullStoreRefusesTheUploadWith413AndKeepsOtherImages(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("data").resolve("images");
        try (ServerProcess server =
                ServerProcess.startReady(dir.resolve("data"), dir.resolve("server.log"), 16 * 1024)) {
            DataApi api = new DataApi(server.baseUri());
            String a = api.createImage("kept");
            api.uploadOk(a, SIZE_A, 1);
            String big = api.createImage("too-big-for-the-disk");

            RawUpload.Answer answer = RawUpload.put(server.baseUri(), big, 40L * 1024 * 1024, 5);

            assertThat(answer.status()).as("answer: %s", answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("Store 'file' is full");
            assertThat(api.status(big)).isEqualTo("queued");
            assertThat(filesOf(images)).containsExactly(a);
            assertThat(api.downloadSha256(a)).isEqualTo(GeneratedBytes.sha256(SIZE_A, 1));
            assertThat(server.output()).as("the server's log").contains("Store 'file' is full");

            api.uploadOk(big, 1024 * 1024, 6);
            assertThat(api.downloadSha256(big)).isEqualTo(GeneratedBytes.sha256(1024 * 1024, 6));
        }
    }

    @Test
    void aStoreDirectoryReplacedByAFileAnswers503AndLosesNothingOnceRepaired(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("data").resolve("images");
        Path away = dir.resolve("data").resolve("images.away");
        try (ServerProcess server = ServerProcess.startReady(dir.resolve("data"), dir.resolve("server.log"), 0)) {
            DataApi api = new DataApi(server.baseUri());
            String a = api.createImage("kept");
            api.uploadOk(a, SIZE_A, 1);
            String broken = api.createImage("store-broken");

            Files.move(images, away);
            Files.writeString(images, "the directory is gone");
            RawUpload.Answer answer = RawUpload.put(server.baseUri(), broken, 2L * 1024 * 1024, 7);

            assertThat(answer.status()).as("answer: %s", answer.body()).isEqualTo(503);
            assertThat(answer.body()).contains("Store 'file'");
            assertThat(api.status(broken)).isEqualTo("queued");
            assertThat(server.output()).as("the server's log").contains("Store 'file'");

            Files.delete(images);
            Files.move(away, images);
            assertThat(filesOf(images)).containsExactly(a);
            assertThat(api.downloadSha256(a)).isEqualTo(GeneratedBytes.sha256(SIZE_A, 1));
            api.uploadOk(broken, 2L * 1024 * 1024, 7);
            assertThat(api.downloadSha256(broken)).isEqualTo(GeneratedBytes.sha256(2L * 1024 * 1024, 7));
        }
    }

    private static List<String> filesOf(Path images) throws IOException {
        try (Stream<Path> files = Files.list(images)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
