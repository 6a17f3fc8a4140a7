package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the runnable jar as an operator would ({@code java -jar glance4j.jar serve}), waits for its ready line, asks
 * {@code GET /versions}, then sends SIGTERM ({@link Process#destroy()}) and expects a clean stop. It runs after
 * {@code package} (see the pom). The server's output goes to a file, because {@code destroy()} closes the pipes.
 */
class ServerProcessTest {

    private static final Pattern READY = Pattern.compile("glance4j listening on (http://127\\.0\\.0\\.1:(\\d+))");

    @Test
    void theRunnableJarServesAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("glance4j.jar", "target/glance4j.jar"));
        assertThat(jar).exists();
        Path dataDir = dir.resolve("data");
        Path log = dir.resolve("server.log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "serve",
                        "--port",
                        "0",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            URI base = awaitReadyLine(process, log);
            HttpResponse<String> versions = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("versions")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(versions.statusCode()).isEqualTo(200);
            assertThat(versions.body()).contains("versions");
            assertThat(dataDir.resolve("glance.sqlite"))
                    .as("the embedded SQLite file")
                    .exists();

            process.destroy();
            // A guard against a hung process, not a timing assertion.
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("the server stopped")
                    .isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue())
                    .as("exit status; output:%n%s", output)
                    .isIn(0, 143);
            assertThat(output).contains("glance4j stopped").doesNotContain("Exception");
        } finally {
            process.destroyForcibly();
        }
    }

    private static URI awaitReadyLine(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher ready = READY.matcher(output);
            if (ready.find()) {
                return URI.create(ready.group(1) + "/");
            }
            assertThat(process.isAlive())
                    .as("the server exited early; output:%n%s", output)
                    .isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no ready line; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
}
