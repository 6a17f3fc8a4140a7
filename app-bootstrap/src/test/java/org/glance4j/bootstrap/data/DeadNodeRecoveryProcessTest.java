package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.PostgresServer;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two glance4j processes on one PostgreSQL and one shared file store directory, with a 3 s node lease. Node A is
 * killed with SIGKILL while an upload streams into it (the client holds the request open); node B notices through A's
 * lease, which A no longer renews, and puts the image back to {@code queued} without A's partial data, as A would
 * have at its restart. B is not restarted: it does this while it runs. A new upload through B then works.
 *
 * <p>No timing is asserted: the test waits on conditions with a generous guard deadline that only a hung recovery
 * reaches.
 */
class DeadNodeRecoveryProcessTest {

    private static final long DECLARED = 1L << 30;
    private static final long SENT_BEFORE_KILL = 2L * 1024 * 1024;
    private static final long GUARD_SECONDS = 120;

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theOtherNodePutsBackTheUploadOfAKilledNodeWithinItsLease(@TempDir Path dir) throws Exception {
        JdbcSettings database = postgres.newDatabase(4);
        Path shared = dir.resolve("shared-images");
        Files.createDirectories(shared);
        Path config = dir.resolve("glance-api.conf");
        Files.writeString(
                config,
                "[database]\nconnection = postgresql://" + database.user() + "@"
                        + database.jdbcUrl().substring("jdbc:postgresql://".length()) + "\n"
                        + "[glance_store]\nfilesystem_store_datadir = " + shared + "\n"
                        + "[glance4j]\nnode_lease_seconds = 3\n");

        ServerProcess a =
                ServerProcess.startReady(dir.resolve("data-a"), dir.resolve("a.log"), 0, "--config", config.toString());
        try (ServerProcess b = ServerProcess.startReady(
                dir.resolve("data-b"), dir.resolve("b.log"), 0, "--config", config.toString())) {
            DataApi throughA = new DataApi(a.baseUri());
            DataApi throughB = new DataApi(b.baseUri());
            String kept = throughB.createImage("kept");
            throughB.uploadOk(kept, 100_000, 1);
            String image = throughA.createImage("interrupted");
            try (Socket upload = new Socket()) {
                upload.connect(
                        new InetSocketAddress(a.baseUri().getHost(), a.baseUri().getPort()));
                OutputStream out = upload.getOutputStream();
                out.write(("PUT /v2/images/" + image + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Content-Type: application/octet-stream\r\nContent-Length: " + DECLARED + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                GeneratedBytes.of(SENT_BEFORE_KILL, 2).transferTo(out);
                out.flush();
                awaitSavingWithTempFile(throughB, image, shared);
                a.kill();
            }
            assertThat(a.output()).doesNotContain("glance4j stopped");

            String status = awaitStatus(throughB, image, "queued");
            assertThat(status)
                    .as("the interrupted image, seen through the live node")
                    .isEqualTo("queued");
            assertThat(throughB.checksum(image)).isNull();
            awaitNoTempFile(shared);
            assertThat(filesOf(shared))
                    .as("the shared store holds the kept image only")
                    .containsExactly(kept);
            assertThat(b.output()).contains("stopped renewing its lease").contains("put back its unfinished work");

            throughB.uploadOk(image, 50_000, 3);
            assertThat(throughB.status(image)).isEqualTo("active");
            assertThat(throughB.downloadSha256(image)).isEqualTo(GeneratedBytes.sha256(50_000, 3));
            assertThat(throughB.status(kept)).isEqualTo("active");
            assertThat(throughB.downloadSha256(kept)).isEqualTo(GeneratedBytes.sha256(100_000, 1));
        } finally {
            a.kill();
        }
    }

    private static void awaitSavingWithTempFile(DataApi api, String image, Path images) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            if (api.status(image).equals("saving")
                    && filesOf(images).stream().anyMatch(name -> name.startsWith(".") && name.contains(image))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the image never reached saving with a temporary file; files: " + filesOf(images));
    }

    private static String awaitStatus(DataApi api, String image, String wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        String status = api.status(image);
        while (!status.equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = api.status(image);
        }
        return status;
    }

    private static void awaitNoTempFile(Path images) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (filesOf(images).stream().anyMatch(name -> name.startsWith(".")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static List<String> filesOf(Path images) throws IOException {
        try (Stream<Path> files = Files.list(images)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
