package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable jar as a child process on a free loopback port, in noauth mode, its output in a file (the pipes of a
 * killed process are useless). Start, wait for the ready line, kill with SIGKILL or SIGTERM.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("glance4j listening on (http://127\\.0\\.0\\.1:(\\d+))");
    /** A guard against a hung server, not a timing assertion. */
    private static final long GUARD_SECONDS = 120;

    private final Process process;
    private final Path log;
    private URI baseUri;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The runnable jar that {@code package} built. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("glance4j.jar", "target/glance4j.jar"));
        assertThat(jar).as("the runnable jar; run these tests with mvn verify").exists();
        return jar;
    }

    /**
     * Starts {@code serve --port 0 --data-dir DATA ARGS...}; {@code fileSizeLimitKiB} > 0 runs it under
     * {@code ulimit -f}, which makes every write past that size fail with "File too large", as a full disk does.
     */
    static ServerProcess start(Path dataDir, Path log, long fileSizeLimitKiB, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> serve = new ArrayList<>(List.of(
                java, "-Xmx256m", "-jar", jar().toString(), "serve", "--port", "0", "--data-dir", dataDir.toString()));
        serve.addAll(List.of(args));
        if (fileSizeLimitKiB > 0) {
            command.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimitKiB + " && exec \"$@\"", "glance4j"));
        }
        command.addAll(serve);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServerProcess(process, log);
    }

    /** Starts and waits until the server answers. */
    static ServerProcess startReady(Path dataDir, Path log, long fileSizeLimitKiB, String... args) throws Exception {
        ServerProcess server = start(dataDir, log, fileSizeLimitKiB, args);
        try {
            server.awaitReady();
            return server;
        } catch (Throwable e) {
            server.close();
            throw e;
        }
    }

    /** Waits for the newest ready line of the log (a restarted server appends to the same log). */
    URI awaitReady() throws Exception {
        int readyLinesBefore = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            String output = output();
            Matcher ready = READY.matcher(output);
            String last = null;
            while (ready.find()) {
                last = ready.group(1);
            }
            if (last != null && process.isAlive()) {
                baseUri = URI.create(last + "/");
                // the port of this process: the ready line must name a port this process listens on
                if (listensOn(baseUri)) {
                    return baseUri;
                }
            }
            assertThat(process.isAlive())
                    .as("the server exited early; output:%n%s", output)
                    .isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no ready line; output:\n" + output());
    }

    private static boolean listensOn(URI base) {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    URI baseUri() {
        return baseUri;
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits for the process to end by itself and returns its exit status. */
    int awaitExit() throws Exception {
        assertThat(process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS))
                .as("the server ended; output:%n%s", output())
                .isTrue();
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, no cleanup. Waits until the process is gone. */
    void kill() throws Exception {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        assertThat(process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS))
                .as("the killed server ended")
                .isTrue();
    }

    /** SIGTERM, then waits for the clean stop. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
