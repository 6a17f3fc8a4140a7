package org.glance4j.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.glance4j.ports.testing.RequiredTool;

/**
 * A throw-away PostgreSQL server for tests: a fresh cluster in a temporary directory, on a free local port, with its
 * socket in that directory. When the JVM runs as root (as CI does) the server runs as the {@code postgres} user,
 * because PostgreSQL refuses to run as root. Missing binaries skip the test, or fail it under {@code CI=true}
 * ({@link RequiredTool}).
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SERVICE_USER = "postgres";

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final int port;
    private final boolean asServiceUser;
    private final AtomicInteger databases = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(Path bin, Path directory, int port, boolean asServiceUser) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.asServiceUser = asServiceUser;
    }

    /** Creates and starts a new cluster. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "0".equals(ServerProcesses.run(List.of("id", "-u"), null).strip());
        Path directory = Files.createTempDirectory("glance4j-postgres-");
        if (root) {
            ServerProcesses.run(List.of("chown", "-R", SERVICE_USER + ":" + SERVICE_USER, directory.toString()), null);
        }
        PostgresServer server = new PostgresServer(bin, directory, freePort(), root);
        try {
            server.initAndStart();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        // Also stop it when the JVM ends without closing it (killed build, failing benchmark).
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
        return server;
    }

    private static Path findBinaries() throws IOException {
        if (Files.isDirectory(INSTALL_ROOT)) {
            try (Stream<Path> versions = Files.list(INSTALL_ROOT)) {
                List<Path> candidates = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .sorted(Comparator.comparing(PostgresServer::majorVersion)
                                .reversed())
                        .toList();
                if (!candidates.isEmpty()) {
                    return candidates.get(0);
                }
            }
        }
        throw RequiredTool.missing(
                "PostgreSQL's server programs (initdb, pg_ctl under " + INSTALL_ROOT + "/*/bin)", "postgresql");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void initAndStart() throws IOException, InterruptedException {
        runServerTool(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                SERVICE_USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync"));
        String options = "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1"
                + " -c max_connections=100 -c shared_buffers=128MB";
        runServerTool(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start"));
    }

    /** A JDBC URL of the given database on this server. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Settings for a new, empty database. */
    public JdbcSettings newDatabase(int maxConnections) {
        String name = "glance4j_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), SERVICE_USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new JdbcSettings(url(name), SERVICE_USER, "", maxConnections);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                runServerTool(
                        List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL server in " + directory + ": " + e);
        } finally {
            ServerProcesses.deleteQuietly(directory);
        }
    }

    private void runServerTool(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServiceUser) {
            full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        full.addAll(command);
        ServerProcesses.run(full, directory);
    }
}
