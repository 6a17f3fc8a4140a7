package org.glance4j.bootstrap.cluster;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One glance4j node of a {@link Cluster}: the runnable jar as a child process with its own data directory (so its
 * own node identity), its own configuration file, on a free loopback port, in trusted-headers mode, its output in
 * a log file.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("glance4j listening on (http://127\\.0\\.0\\.1:(\\d+))");
    /** A guard against a hung server, not a timing assertion. */
    private static final long GUARD_SECONDS = 180;

    private final String name;
    private final Process process;
    private final Path log;
    private URI baseUri;

    private ClusterNode(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** The runnable jar that {@code package} built ({@code glance4j.jar} system property). */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("glance4j.jar", "target/glance4j.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the runnable jar " + jar + " is missing; run these tests with mvn verify");
        }
        return jar;
    }

    /** Starts {@code serve} with {@code config} and a data directory of its own under {@code dir}; does not wait. */
    static ClusterNode start(String name, Path dir, Path config) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("node.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-jar",
                        jar().toString(),
                        "serve",
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--auth",
                        "trusted-headers",
                        "--config",
                        config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ClusterNode(name, process, log);
    }

    /** Waits until the node has printed its ready line and listens; returns its address. */
    URI awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(output());
            if (ready.find() && process.isAlive()) {
                URI uri = URI.create(ready.group(1));
                try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                    baseUri = uri;
                    return uri;
                } catch (IOException notYet) {
                    // the ready line came first
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited early; output:\n" + output());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node " + name + " printed no ready line; output:\n" + output());
    }

    /** The node's name in HAProxy's configuration ({@code node1}, ...). */
    public String name() {
        return name;
    }

    /** The node's own address, without a trailing slash (bypassing HAProxy). */
    public URI baseUri() {
        return baseUri;
    }

    /** The process id, to read the node's CPU time from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** SIGTERM, then waits for the clean stop (SIGKILL after the guard). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public String toString() {
        return name + " " + baseUri;
    }
}
