package org.glance4j.bootstrap.glance;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.testing.RequiredTool;

/**
 * A real OpenStack Glance (Debian's {@code glance-api} 25.1.0, Zed) on a free loopback port, without Keystone: the
 * identity comes from the headers keystonemiddleware would set ({@code X-Identity-Status}, {@code X-User-Id},
 * {@code X-Project-Id}, {@code X-Roles}), read by Glance's own context filter. Secure RBAC is on with Glance's
 * in-code default rules; one file store {@code fast}, staging and tasks stores, the three import methods.
 *
 * <p>{@link #create} writes {@code glance-api.conf}, the paste pipeline and an empty policy file into a folder,
 * makes the database at the given SQLAlchemy URL with Glance's {@code glance-manage db_sync} and loads the
 * metadefs catalog ({@code db_load_metadefs}); {@link #start} runs {@code glance-api} and waits until it answers;
 * {@link #close} stops it (TERM, then KILL) with its workers. When Glance is missing the test is aborted locally
 * and fails under {@code CI=true}, where {@code .ci/run} installs {@code glance-api}.
 */
public final class RealGlanceServer implements AutoCloseable {

    /** The id of the file store, as Glance reports it in an image's {@code stores}. */
    public static final String STORE = "fast";
    /** Debian's metadefs catalog (glance-common), loaded by {@code db_load_metadefs}. */
    public static final Path METADEFS = Path.of("/usr/share/glance-common/metadefs");

    private final Path root;
    private final Path config;
    private final int port;
    private Process process;
    /** Kills glance-api when the JVM ends without closing it (a killed build). */
    private Thread killOnExit;

    private RealGlanceServer(Path root, Path config, int port) {
        this.root = root;
        this.config = config;
        this.port = port;
    }

    /** Aborts the test (or fails it under {@code CI=true}) unless glance-api and glance-manage are installed. */
    public static void requireInstalled() {
        RequiredTool.require("real Glance", "glance-api", "glance-api", "glance-manage", METADEFS.toString());
    }

    /**
     * Writes the configuration into {@code root}, creates the database at {@code databaseUrl} (Glance's SQLAlchemy
     * form) with {@code glance-manage db_sync} and loads the metadefs catalog. Glance is not started yet.
     */
    public static RealGlanceServer create(Path root, String databaseUrl) throws Exception {
        requireInstalled();
        Path absolute = Files.createDirectories(root).toAbsolutePath();
        for (String dir : new String[] {"images", "staging", "tasks", "cache", "locks", "policy.d"}) {
            Files.createDirectories(absolute.resolve(dir));
        }
        int port = freePort();
        Path paste = absolute.resolve("glance-api-paste.ini");
        Files.writeString(
                paste,
                String.join(
                        "\n",
                        "[pipeline:glance-api]",
                        "pipeline = healthcheck versionnegotiation context rootapp",
                        "[composite:rootapp]",
                        "paste.composite_factory = glance.api:root_app_factory",
                        "/: apiversions",
                        "/v2: apiv2app",
                        "[app:apiversions]",
                        "paste.app_factory = glance.api.versions:create_resource",
                        "[app:apiv2app]",
                        "paste.app_factory = glance.api.v2.router:API.factory",
                        "[filter:healthcheck]",
                        "paste.filter_factory = oslo_middleware:Healthcheck.factory",
                        "backends = disable_by_file",
                        "disable_by_file_path = " + absolute.resolve("healthcheck_disable"),
                        "[filter:versionnegotiation]",
                        "paste.filter_factory = glance.api.middleware.version_negotiation:VersionNegotiationFilter.factory",
                        "[filter:context]",
                        "paste.filter_factory = glance.api.middleware.context:ContextMiddleware.factory",
                        ""));
        // no overrides: Glance's in-code (secure RBAC) defaults apply, not the machine's /etc/glance files
        Files.writeString(absolute.resolve("policy.yaml"), "{}\n");
        Path config = absolute.resolve("glance-api.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "bind_host = 127.0.0.1",
                        "bind_port = " + port,
                        "workers = 1",
                        "log_file = " + absolute.resolve("glance-api.log"),
                        "debug = false",
                        "enabled_backends = " + STORE + ":file",
                        "enabled_import_methods = [glance-direct,web-download,copy-image]",
                        "image_cache_dir = " + absolute.resolve("cache"),
                        // Zed: secure RBAC is opt-in and must agree with [oslo_policy] enforce_new_defaults
                        "enforce_secure_rbac = true",
                        "[database]",
                        "connection = " + databaseUrl,
                        "[glance_store]",
                        "default_backend = " + STORE,
                        "[" + STORE + "]",
                        "filesystem_store_datadir = " + absolute.resolve("images"),
                        "store_description = local file store",
                        "[os_glance_staging_store]",
                        "filesystem_store_datadir = " + absolute.resolve("staging"),
                        "[os_glance_tasks_store]",
                        "filesystem_store_datadir = " + absolute.resolve("tasks"),
                        "[paste_deploy]",
                        "config_file = " + paste,
                        "[oslo_policy]",
                        "enforce_new_defaults = true",
                        "enforce_scope = true",
                        "policy_file = " + absolute.resolve("policy.yaml"),
                        "policy_dirs = " + absolute.resolve("policy.d"),
                        "[oslo_concurrency]",
                        "lock_path = " + absolute.resolve("locks"),
                        ""));
        RealGlanceServer server = new RealGlanceServer(absolute, config, port);
        server.manage("db_sync");
        server.manage("db_load_metadefs", METADEFS.toString());
        return server;
    }

    /** The folder of Glance's file store {@code fast}: where it writes image data. */
    public Path imagesDir() {
        return root.resolve("images");
    }

    /** The folder with the configuration, the logs and the stores. */
    public Path root() {
        return root;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts glance-api and waits (at most 120 s) until {@code GET /versions} answers. */
    public synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        Path log = root.resolve("glance-api.out");
        process = new ProcessBuilder(find("glance-api").toString(), "--config-file", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        Process started = process;
        killOnExit = new Thread(
                () -> {
                    started.descendants().forEach(ProcessHandle::destroyForcibly);
                    started.destroyForcibly();
                },
                "stop-real-glance");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("glance-api exited with " + process.exitValue() + ": see " + log
                        + " and " + root.resolve("glance-api.log"));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(url().resolve("/versions"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("glance-api did not answer GET /versions within 120 s: see " + log);
    }

    /** Stops glance-api (TERM, then KILL) and its workers, and waits until they are gone. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (ProcessHandle worker : workers) {
            worker.destroyForcibly();
            worker.onExit()
                    .orTimeout(30, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
        }
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left for it to do
        }
    }

    private void manage(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(find("glance-manage").toString(), "--config-file", config.toString()));
        command.addAll(List.of(args));
        Path log = root.resolve("glance-manage.log");
        Process manage = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!manage.waitFor(300, TimeUnit.SECONDS)) {
            manage.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within 300 s: see " + log);
        }
        if (manage.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    private static Path find(String program) {
        return RequiredTool.find(program).orElse(null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
