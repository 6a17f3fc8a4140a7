package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash case of the issue: the server is killed with SIGKILL while an upload streams into the store, and
 * restarted on the same data directory. The image being uploaded is {@code queued} again, nothing of it is left in
 * the store, another image is intact, and a new upload of the first one works.
 *
 * <p>Synchronisation, without timing: the upload of B declares 1 GiB but sends 2 MiB and then stops sending (the
 * socket stays open), so the server is certainly inside the upload. The test polls until (1) the API shows B as
 * {@code saving} and (2) the store's directory holds B's temporary file; only then does it kill the server. Polling
 * has a generous guard deadline that only a hung server reaches.
 */
class InterruptedUploadProcessTest {

    private static final long SIZE_A = 5L * 1024 * 1024 + 17;
    private static final long SIZE_B = 3L * 1024 * 1024 + 5;
    private static final long DECLARED_B = 1L << 30;
    private static final long SENT_BEFORE_KILL = 2L * 1024 * 1024;

    @Test
    void sigkillDuringAnUploadLeavesTheImageQueuedWithoutLeftoversAndOthersIntact(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        Path images = dataDir.resolve("images");
        String a;
        String b;
        ServerProcess first = ServerProcess.startReady(dataDir, dir.resolve("first.log"), 0);
        try (Socket upload = new Socket()) {
            DataApi api = new DataApi(first.baseUri());
            a = api.createImage("kept");
            api.uploadOk(a, SIZE_A, 1);
            b = api.createImage("interrupted");

            upload.connect(new java.net.InetSocketAddress(
                    first.baseUri().getHost(), first.baseUri().getPort()));
            OutputStream out = upload.getOutputStream();
            out.write(("PUT /v2/images/" + b + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Length: " + DECLARED_B + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            GeneratedBytes.of(SENT_BEFORE_KILL, 2).transferTo(out);
            out.flush();

            String state = awaitSavingWithTempFile(api, b, images);
            assertThat(state).isEqualTo("saving");
            first.kill();
        } finally {
            first.kill();
        }
        String firstLog = first.output();
        assertThat(firstLog).doesNotContain("glance4j stopped");

        try (ServerProcess second = ServerProcess.startReady(dataDir, dir.resolve("second.log"), 0)) {
            DataApi api = new DataApi(second.baseUri());
            assertThat(api.status(b)).as("the interrupted image").isEqualTo("queued");
            assertThat(api.checksum(b)).isNull();
            assertThat(second.output()).contains("interrupted uploads put back to queued: 1");
            assertThat(filesOf(images)).as("the store holds A's file only").containsExactly(a);
            assertThat(api.downloadStatus(b)).as("download of the queued image").isEqualTo(204);

            assertThat(api.status(a)).isEqualTo("active");
            assertThat(api.downloadSha256(a)).as("A's bytes").isEqualTo(GeneratedBytes.sha256(SIZE_A, 1));
            assertThat(api.checksum(a)).isEqualTo(DataApi.md5(SIZE_A, 1));

            api.uploadOk(b, SIZE_B, 3);
            assertThat(api.status(b)).isEqualTo("active");
            assertThat(api.downloadSha256(b)).as("B's new bytes").isEqualTo(GeneratedBytes.sha256(SIZE_B, 3));
            assertThat(api.checksum(b)).isEqualTo(DataApi.md5(SIZE_B, 3));
            assertThat(filesOf(images)).containsExactlyInAnyOrder(a, b);
        }
    }

    /** Polls until B is {@code saving} and its temporary file exists; returns B's status then. */
    private static String awaitSavingWithTempFile(DataApi api, String b, Path images) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String status = api.status(b);
            boolean tempFile = filesOf(images).stream().anyMatch(name -> name.startsWith(".") && name.contains(b));
            if (status.equals("saving") && tempFile) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("B never reached saving with a temporary file; files: " + filesOf(images)
                + ", status: " + api.status(b));
    }

    /** The names in the store's directory, hidden (temporary) files included. */
    private static List<String> filesOf(Path images) throws IOException {
        if (!Files.isDirectory(images)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(images)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
