package org.glance4j.storage.swift;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node OpenStack Swift from Debian's packages ({@code swift-proxy}, {@code swift-account},
 * {@code swift-container}, {@code swift-object}, with {@code memcached} for TempAuth's tokens), started on free
 * loopback ports with rings built into a temporary directory, once per test JVM, and stopped when the run ends.
 * The proxy pipeline has TempAuth (user {@link #USER} / {@link #KEY}, auth at {@link #authAddress()}), static
 * large objects, bulk delete and the {@code s3api} middleware (access key {@link #USER}, secret {@link #KEY}).
 *
 * <p>Use it as a JUnit extension and call {@link #get()}. When the programs are missing the tests are aborted
 * locally, but fail under {@code CI=true}, where {@code .ci/run} installs them.
 */
public final class SwiftServer implements BeforeAllCallback {
    public static final String USER = "test:tester";
    public static final String KEY = "testing";
    public static final String ACCOUNT = "AUTH_test";

    private static final String[] PROGRAMS = {
        "swift-ring-builder",
        "swift-account-server",
        "swift-container-server",
        "swift-object-server",
        "swift-proxy-server",
        "memcached"
    };
    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SwiftServer.class) {
            if (running == null) {
                RequiredTool.require(
                        "Swift", "swift-proxy swift-account swift-container swift-object memcached", PROGRAMS);
                running = Running.start();
                context.getRoot()
                        .getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(SwiftServer.class.getName(), (ExtensionContext.Store.CloseableResource)
                                () -> running.stop());
            }
        }
    }

    /** The running server; only inside a test class extended with this extension. */
    public static Running get() {
        return running;
    }

    private static Path find(String program) {
        return RequiredTool.find(program).orElse(null);
    }

    /** One running Swift. */
    public static final class Running {
        private final Path root;
        private final int proxyPort;
        private final List<Process> processes;
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private Running(Path root, int proxyPort, List<Process> processes) {
            this.root = root;
            this.proxyPort = proxyPort;
            this.processes = processes;
        }

        public static Running start() throws Exception {
            Path root = Files.createTempDirectory("glance4j-swift-");
            Path etc = Files.createDirectories(root.resolve("etc"));
            Path devices = Files.createDirectories(root.resolve("srv"));
            Files.createDirectories(devices.resolve("d1"));
            Path logs = Files.createDirectories(root.resolve("log"));
            int[] ports = freePorts(5);
            String[] kinds = {"account", "container", "object"};
            String user = System.getProperty("user.name");
            for (int i = 0; i < kinds.length; i++) {
                String builder = etc.resolve(kinds[i] + ".builder").toString();
                run(logs, find("swift-ring-builder").toString(), builder, "create", "6", "1", "1");
                run(
                        logs,
                        find("swift-ring-builder").toString(),
                        builder,
                        "add",
                        "r1z1-127.0.0.1:" + ports[i] + "/d1",
                        "100");
                run(logs, find("swift-ring-builder").toString(), builder, "rebalance");
                Files.writeString(
                        etc.resolve(kinds[i] + "-server.conf"),
                        String.join(
                                "\n",
                                "[DEFAULT]",
                                "bind_ip = 127.0.0.1",
                                "bind_port = " + ports[i],
                                "devices = " + devices,
                                "mount_check = false",
                                "swift_dir = " + etc,
                                "workers = 0",
                                "user = " + user,
                                "log_level = WARNING",
                                "[pipeline:main]",
                                "pipeline = " + kinds[i] + "-server",
                                "[app:" + kinds[i] + "-server]",
                                "use = egg:swift#" + kinds[i],
                                ""));
            }
            int proxyPort = ports[3];
            int memcachePort = ports[4];
            Files.writeString(
                    etc.resolve("proxy-server.conf"),
                    String.join(
                            "\n",
                            "[DEFAULT]",
                            "bind_ip = 127.0.0.1",
                            "bind_port = " + proxyPort,
                            "swift_dir = " + etc,
                            "workers = 0",
                            "user = " + user,
                            "log_level = WARNING",
                            "[pipeline:main]",
                            "pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk"
                                    + " s3api tempauth copy slo dlo proxy-logging proxy-server",
                            "[app:proxy-server]",
                            "use = egg:swift#proxy",
                            "account_autocreate = true",
                            "[filter:tempauth]",
                            "use = egg:swift#tempauth",
                            "user_test_tester = testing .admin",
                            "[filter:s3api]",
                            "use = egg:swift#s3api",
                            "[filter:cache]",
                            "use = egg:swift#memcache",
                            "memcache_servers = 127.0.0.1:" + memcachePort,
                            "[filter:catch_errors]",
                            "use = egg:swift#catch_errors",
                            "[filter:gatekeeper]",
                            "use = egg:swift#gatekeeper",
                            "[filter:healthcheck]",
                            "use = egg:swift#healthcheck",
                            "[filter:proxy-logging]",
                            "use = egg:swift#proxy_logging",
                            "[filter:listing_formats]",
                            "use = egg:swift#listing_formats",
                            "[filter:bulk]",
                            "use = egg:swift#bulk",
                            "[filter:copy]",
                            "use = egg:swift#copy",
                            "[filter:slo]",
                            "use = egg:swift#slo",
                            "[filter:dlo]",
                            "use = egg:swift#dlo",
                            ""));
            List<Process> processes = new ArrayList<>();
            Running running = new Running(root, proxyPort, processes);
            try {
                List<String> memcached = new ArrayList<>(List.of(
                        find("memcached").toString(),
                        "-l",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(memcachePort),
                        "-U",
                        "0"));
                if ("root".equals(user)) {
                    memcached.addAll(List.of("-u", "root"));
                }
                processes.add(spawn(logs.resolve("memcached.log"), memcached));
                for (String kind : new String[] {"account", "container", "object", "proxy"}) {
                    processes.add(spawn(
                            logs.resolve(kind + ".log"),
                            List.of(
                                    find("swift-" + kind + "-server").toString(),
                                    etc.resolve(kind + "-server.conf").toString())));
                }
                for (int port : ports) {
                    awaitPort(port, processes, logs);
                }
                running.awaitAuth();
                return running;
            } catch (Exception | Error e) {
                running.stop();
                throw e;
            }
        }

        /** The TempAuth URL: {@code http://127.0.0.1:<port>/auth/v1.0}. */
        public String authAddress() {
            return "http://127.0.0.1:" + proxyPort + "/auth/v1.0";
        }

        /** The S3 endpoint of the {@code s3api} middleware: {@code http://127.0.0.1:<port>}. */
        public String s3Endpoint() {
            return "http://127.0.0.1:" + proxyPort;
        }

        public int proxyPort() {
            return proxyPort;
        }

        /** The names of the objects in {@code container}, none when it does not exist. */
        public List<String> objectNames(String container) throws IOException, InterruptedException {
            String[] auth = authenticate();
            HttpResponse<String> listing = http.send(
                    HttpRequest.newBuilder(URI.create(auth[0] + "/" + container + "?format=plain&limit=10000"))
                            .header("X-Auth-Token", auth[1])
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (listing.statusCode() == 404) {
                return List.of();
            }
            if (listing.statusCode() / 100 != 2) {
                throw new IOException("listing " + container + " answered " + listing.statusCode());
            }
            return listing.body().lines().filter(line -> !line.isBlank()).toList();
        }

        /** Puts an object behind the store's back (e.g. a segment a dead writer left), creating the container. */
        public void putObject(String container, String name, byte[] content) throws IOException, InterruptedException {
            String[] auth = authenticate();
            http.send(
                    HttpRequest.newBuilder(URI.create(auth[0] + "/" + container))
                            .header("X-Auth-Token", auth[1])
                            .PUT(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> put = http.send(
                    HttpRequest.newBuilder(URI.create(auth[0] + "/" + container + "/" + name))
                            .header("X-Auth-Token", auth[1])
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (put.statusCode() != 201) {
                throw new IOException("PUT " + name + " answered " + put.statusCode());
            }
        }

        /**
         * Objects of {@code container} plus the segments in {@code segmentContainer} that belong to no object
         * of {@code container} (left behind by a failed large write); segments are named {@code <object>/...}.
         */
        public long objectsAndOrphanSegments(String container, String segmentContainer) throws Exception {
            List<String> objects = objectNames(container);
            long count = objects.stream()
                    .filter(name -> !segmentOfAnother(name, objects))
                    .count();
            if (!segmentContainer.equals(container)) {
                for (String segment : objectNames(segmentContainer)) {
                    int slash = segment.indexOf('/');
                    if (slash < 0 || !objects.contains(segment.substring(0, slash))) {
                        count++;
                    }
                }
            }
            return count;
        }

        private static boolean segmentOfAnother(String name, List<String> objects) {
            int slash = name.indexOf('/');
            return slash > 0 && objects.contains(name.substring(0, slash));
        }

        /** {@code [storage URL, token]} from TempAuth. */
        private String[] authenticate() throws IOException, InterruptedException {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(authAddress()))
                            .header("X-Auth-User", USER)
                            .header("X-Auth-Key", KEY)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IOException("TempAuth answered " + response.statusCode());
            }
            return new String[] {
                response.headers().firstValue("X-Storage-Url").orElseThrow(),
                response.headers().firstValue("X-Auth-Token").orElseThrow()
            };
        }

        private void awaitAuth() throws Exception {
            IOException last = null;
            for (int i = 0; i < 300; i++) {
                try {
                    String[] auth = authenticate();
                    HttpResponse<Void> head = http.send(
                            HttpRequest.newBuilder(URI.create(auth[0]))
                                    .header("X-Auth-Token", auth[1])
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (head.statusCode() / 100 == 2) {
                        return;
                    }
                    last = new IOException("account HEAD answered " + head.statusCode());
                } catch (IOException e) {
                    last = e;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("Swift did not become ready; logs in " + root, last);
        }

        public void stop() {
            for (Process process : processes) {
                process.destroy();
            }
            for (Process process : processes) {
                try {
                    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a temp dir left behind
            }
        }

        private static Process spawn(Path log, List<String> command) throws IOException {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        }

        private static void run(Path logs, String... command) throws IOException, InterruptedException {
            Process process = spawn(logs.resolve("rings.log"), List.of(command));
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() > 1) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + logs);
            }
        }

        private static void awaitPort(int port, List<Process> processes, Path logs) throws Exception {
            for (int i = 0; i < 300; i++) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return;
                } catch (IOException e) {
                    for (Process process : processes) {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("a Swift process exited early; logs in " + logs);
                        }
                    }
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("nothing listens on port " + port + "; logs in " + logs);
        }

        private static int[] freePorts(int count) throws IOException {
            ServerSocket[] sockets = new ServerSocket[count];
            int[] ports = new int[count];
            try {
                for (int i = 0; i < count; i++) {
                    sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    ports[i] = sockets[i].getLocalPort();
                }
            } finally {
                for (ServerSocket socket : sockets) {
                    if (socket != null) {
                        socket.close();
                    }
                }
            }
            return ports;
        }
    }
}
