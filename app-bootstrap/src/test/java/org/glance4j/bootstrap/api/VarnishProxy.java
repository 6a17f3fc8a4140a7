package org.glance4j.bootstrap.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glance4j.ports.testing.RequiredTool;

/**
 * Debian's Varnish ({@code varnishd} of the {@code varnish} package) as a caching proxy in front of a server, with
 * the stock configuration (a VCL that names the backend and nothing else, like {@code /etc/varnish/default.vcl}, so
 * that Varnish's built-in VCL decides what is cached) or a given VCL. It runs in the foreground ({@code -F}) on a free loopback
 * port, without its privilege-dropping jail ({@code -j none}) and with a small memory store, in a temporary working
 * directory, until {@link #close()}.
 *
 * <p>Without {@code varnishd} the calling test is skipped, except under {@code CI=true}, where it fails
 * ({@code .ci/run} installs the package). A varnishd that does not start fails the test with its own output.
 */
final class VarnishProxy implements AutoCloseable {
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path root;
    private final Process process;
    private final URI baseUri;

    private VarnishProxy(Path root, Process process, URI baseUri) {
        this.root = root;
        this.process = process;
        this.baseUri = baseUri;
    }

    /** Starts Varnish in front of {@code backend} (an {@code http://127.0.0.1:<port>} address). */
    static VarnishProxy start(URI backend) {
        return start(String.join(
                "\n",
                "vcl 4.1;",
                "backend default {",
                "    .host = \"" + backend.getHost() + "\";",
                "    .port = \"" + backend.getPort() + "\";",
                "}",
                ""));
    }

    /** Starts Varnish with the VCL {@code vclText}, which names the backend. */
    static VarnishProxy start(String vclText) {
        Path varnishd = RequiredTool.program("varnishd", "varnish");
        try {
            Path root = Files.createTempDirectory("glance4j-varnish-");
            Path vcl = root.resolve("default.vcl");
            Files.writeString(vcl, vclText);
            String failures = "";
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = freePort();
                Path log = root.resolve("varnishd-" + attempt + ".log");
                Process process = new ProcessBuilder(
                                varnishd.toString(),
                                "-F",
                                "-j",
                                "none",
                                "-n",
                                root.resolve("work-" + attempt).toString(),
                                "-a",
                                "127.0.0.1:" + port,
                                "-f",
                                vcl.toString(),
                                "-s",
                                "malloc,32m",
                                "-T",
                                "none")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                VarnishProxy proxy = new VarnishProxy(root, process, URI.create("http://127.0.0.1:" + port));
                if (proxy.awaitReady()) {
                    return proxy;
                }
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                failures += "attempt " + attempt + " on port " + port + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8) + "\n";
            }
            deleteTree(root);
            throw new IllegalStateException("varnishd did not start; its output:\n" + failures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Varnish's address, without a trailing slash. */
    URI baseUri() {
        return baseUri;
    }

    /**
     * Waits until Varnish answers a request (any status: Varnish's own 503 means it runs but reaches no backend),
     * or its process ends; true when it answers.
     */
    private boolean awaitReady() throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                client.send(
                        HttpRequest.newBuilder(baseUri.resolve("/versions"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(root);
    }

    static Path find(String program) {
        return RequiredTool.find(program).orElse(null);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
