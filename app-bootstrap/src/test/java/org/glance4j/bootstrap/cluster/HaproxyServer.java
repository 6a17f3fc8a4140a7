package org.glance4j.bootstrap.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.testing.RequiredTool;

/**
 * Debian's HAProxy ({@code haproxy} package, 2.6) in front of glance4j nodes: HTTP mode, round robin, no
 * stickiness (every request of a kept-alive client connection is balanced on its own), no health checks (a node
 * that dies is the lease work's concern). Each answer carries {@code X-Glance4j-Node} with the name of the node
 * that served it, so that tests can see the spread. It runs in the foreground ({@code -db}) on a free loopback
 * port with its configuration in a directory the caller gives (under {@code target/}).
 *
 * <p>Without {@code haproxy} the calling test is skipped with an install hint, except under {@code CI=true}, where
 * it fails ({@code .ci/run} installs the package).
 */
public final class HaproxyServer implements AutoCloseable {
    /** The header that names the node that served an answer. */
    public static final String NODE_HEADER = "X-Glance4j-Node";

    private static final long GUARD_SECONDS = 60;

    private final Process process;
    private final Path log;
    private final URI baseUri;

    private HaproxyServer(Process process, Path log, URI baseUri) {
        this.process = process;
        this.log = log;
        this.baseUri = baseUri;
    }

    /** The haproxy program, or a skip (a failure under {@code CI=true}) with an install hint. */
    static Path program() {
        return RequiredTool.program("haproxy", "haproxy");
    }

    /** Starts HAProxy in {@code dir} in front of {@code nodes}, balancing round robin. */
    public static HaproxyServer start(Path dir, List<ClusterNode> nodes) throws IOException, InterruptedException {
        Path haproxy = program();
        Files.createDirectories(dir);
        int port = freePort();
        List<String> lines = new ArrayList<>(List.of(
                "global",
                "    maxconn 2000",
                "defaults",
                "    mode http",
                "    timeout connect 10s",
                "    timeout client 600s",
                "    timeout server 600s",
                "frontend glance",
                "    bind 127.0.0.1:" + port,
                "    default_backend glance4j",
                "backend glance4j",
                "    balance roundrobin",
                "    http-response set-header " + NODE_HEADER + " %s"));
        for (ClusterNode node : nodes) {
            lines.add("    server " + node.name() + " " + node.baseUri().getHost() + ":"
                    + node.baseUri().getPort());
        }
        lines.add("");
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, String.join("\n", lines));
        Path log = dir.resolve("haproxy.log");
        Process process = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HaproxyServer server = new HaproxyServer(process, log, URI.create("http://127.0.0.1:" + port));
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "haproxy exited; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Socket socket = new Socket(baseUri.getHost(), baseUri.getPort())) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException(
                "haproxy does not listen; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** HAProxy's address, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS);
        }
    }
}
