package org.glance4j.bootstrap.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.testing.RequiredTool;

/**
 * Debian's Squid ({@code squid} of the {@code squid} package) as a reverse proxy in front of a server, with the
 * {@code squid.conf} of docs/caching-proxies.md ({@link ProxyConfigurations#squid}), in the foreground ({@code -N})
 * on a free loopback port, with its cache directory, logs and pid file in a temporary directory (open to the
 * {@code proxy} user Squid switches to when started as root), until {@link #close()}.
 *
 * <p>Without {@code squid} the calling test is skipped, except under {@code CI=true}, where it fails
 * ({@code .ci/run} installs the package). A squid that does not start fails the test with its own output.
 */
final class SquidProxy implements AutoCloseable {
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path root;
    private final Process process;
    private final URI baseUri;

    private SquidProxy(Path root, Process process, URI baseUri) {
        this.root = root;
        this.process = process;
        this.baseUri = baseUri;
    }

    /** Starts Squid in front of {@code backend} (an {@code http://127.0.0.1:<port>} address). */
    static SquidProxy start(URI backend) {
        Path squid = RequiredTool.program("squid", "squid");
        try {
            Path root = Files.createTempDirectory(
                    "glance4j-squid-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
            String failures = "";
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = VarnishProxy.freePort();
                Path dir = root.resolve("run-" + attempt);
                Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                Path conf = dir.resolve("squid.conf");
                Files.writeString(
                        conf,
                        ProxyConfigurations.squid(backend, port, dir.resolve("cache"))
                                + String.join(
                                        "\n",
                                        "# the test's own files, and a quick stop",
                                        "pid_filename " + dir.resolve("squid.pid"),
                                        "cache_log " + dir.resolve("cache.log"),
                                        "access_log stdio:" + dir.resolve("access.log"),
                                        "coredump_dir " + dir,
                                        "netdb_filename none",
                                        "shutdown_lifetime 0 seconds",
                                        ""));
                Path log = dir.resolve("squid.out");
                Process init = new ProcessBuilder(squid.toString(), "-N", "-z", "-f", conf.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!init.waitFor(120, TimeUnit.SECONDS)) {
                    init.destroyForcibly();
                }
                Process process = new ProcessBuilder(squid.toString(), "-N", "-d", "1", "-f", conf.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                SquidProxy proxy = new SquidProxy(root, process, URI.create("http://127.0.0.1:" + port));
                if (proxy.awaitReady()) {
                    return proxy;
                }
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                failures += "attempt " + attempt + " on port " + port + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8) + "\n"
                        + (Files.exists(dir.resolve("cache.log"))
                                ? Files.readString(dir.resolve("cache.log"), StandardCharsets.UTF_8)
                                : "")
                        + "\n";
            }
            VarnishProxy.deleteTree(root);
            throw new IllegalStateException("squid did not start; its output:\n" + failures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Squid's address, without a trailing slash. */
    URI baseUri() {
        return baseUri;
    }

    /** Waits until Squid answers {@code /versions} from the backend, or its process ends; true when it answers. */
    private boolean awaitReady() throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(baseUri.resolve("/versions"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
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
        VarnishProxy.deleteTree(root);
    }
}
