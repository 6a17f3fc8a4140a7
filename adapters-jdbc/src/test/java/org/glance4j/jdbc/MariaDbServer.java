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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.testing.RequiredTool;

/**
 * A throw-away MariaDB server for tests: a data directory made by {@code mariadb-install-db} in a temporary directory,
 * {@code mariadbd} on a free port of 127.0.0.1 with its socket in that directory, and a user with a password that may
 * do everything (created by the server's init file). No configuration file of the machine is read, so the server
 * keeps its built-in defaults (latin1 included): glance4j's tables must say what they need. When the JVM runs as root
 * (as CI does) the server runs as the {@code mysql} user. Without MariaDB the tests are skipped with a message, except
 * under {@code CI=true}, where that is a failure.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final String SERVICE_USER = "mysql";
    /** The test user, allowed everything from 127.0.0.1. */
    public static final String USER = "glance4j";

    public static final String PASSWORD = "glance4j-test-password";

    private final Path directory;
    private final int port;
    private final boolean root;
    private final AtomicInteger databases = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Process process;

    private MariaDbServer(Path directory, int port, boolean root) {
        this.directory = directory;
        this.port = port;
        this.root = root;
    }

    /** Whether the MariaDB server and its install tool are on this machine. */
    public static boolean isInstalled() {
        return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL_DB);
    }

    /**
     * Makes a data directory and starts a server on it; skips the calling test when MariaDB is not installed, and
     * fails instead under {@code CI=true}.
     */
    public static MariaDbServer start() throws IOException, InterruptedException {
        RequiredTool.require("MariaDB", "mariadb-server", SERVER.toString(), INSTALL_DB.toString());
        boolean root = "0".equals(ServerProcesses.run(List.of("id", "-u"), null).strip());
        Path directory = Files.createTempDirectory("glance4j-mariadb-");
        MariaDbServer server = new MariaDbServer(directory, freePort(), root);
        try {
            server.initAndStart();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        // Also stop it when the JVM ends without closing it (killed build, failing benchmark).
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-mariadb"));
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void initAndStart() throws IOException, InterruptedException {
        Path data = directory.resolve("data");
        Path init = directory.resolve("init.sql");
        Files.writeString(
                init,
                "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD
                        + "';\nGRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1' WITH GRANT OPTION;\n");
        if (root) {
            ServerProcesses.run(List.of("chown", "-R", SERVICE_USER + ":" + SERVICE_USER, directory.toString()), null);
        }
        List<String> install = new ArrayList<>(List.of(
                INSTALL_DB.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        if (root) {
            install.add("--user=" + SERVICE_USER);
        }
        ServerProcesses.run(install, null);
        List<String> command = new ArrayList<>(List.of(
                SERVER.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + directory.resolve("mariadbd.sock"),
                "--pid-file=" + directory.resolve("mariadbd.pid"),
                "--log-error=" + directory.resolve("server.log"),
                "--init-file=" + init,
                "--skip-name-resolve",
                "--skip-log-bin",
                "--max-connections=300",
                "--innodb-buffer-pool-size=128M"));
        if (root) {
            command.add("--user=" + SERVICE_USER); // mariadbd started by root switches to it itself
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(url(""), USER, PASSWORD)) {
                return;
            } catch (SQLException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the test MariaDB server did not start on port " + port + ":\n" + log(), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    /** A JDBC URL of the given database on this server ("" for none). */
    public String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** The port the server listens on, at 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Settings for a new, empty database. */
    public JdbcSettings newDatabase(int maxConnections) {
        String name = "glance4j_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url(""), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new JdbcSettings(url(name), USER, PASSWORD, maxConnections);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (process != null && process.isAlive()) {
                process.destroy(); // SIGTERM: mariadbd shuts down cleanly
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ServerProcesses.deleteQuietly(directory);
        }
    }
}
