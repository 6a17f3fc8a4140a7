package org.glance4j.bootstrap.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.MariaDbServer;
import org.glance4j.jdbc.PostgresServer;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In-process glance4j servers that differ only in their database, for the API tests whose answer must not
 * depend on it: one on SQLite (its data directory), one on a real PostgreSQL that {@link PostgresServer} starts, and
 * one on a real MariaDB that {@link MariaDbServer} starts, reached through a {@code mysql+pymysql://} URL with
 * {@code ?charset=utf8} as Glance's configuration has it. Without MariaDB installed the MariaDB server is left out
 * with a line on standard error (under {@code CI=true} that is a failure).
 * Like {@link ApiTarget}, they start once per test run and stop when it ends. Both use trusted identity headers
 * and the property protection file {@link #PROTECTIONS}: {@code x_billing_*} properties (a prefix) and
 * {@code x_exact} (an exact name) are created, updated and deleted by admins only and read by admins and members;
 * everything else is open; and the stores {@link #STORES}.
 */
public final class BothDatabases implements BeforeAllCallback {

    /** The protection file of both servers. */
    public static final String PROTECTIONS = String.join(
            "\n",
            "[^x_billing_.*]",
            "create = admin",
            "read = admin,member",
            "update = admin",
            "delete = admin",
            "",
            "[^x_exact$]",
            "create = admin",
            "read = admin,member",
            "update = admin",
            "delete = admin",
            "",
            "[.*]",
            "create = @",
            "read = @",
            "update = @",
            "delete = @",
            "");

    /**
     * The stores of both servers: a file store (the default) and the test class path's in-memory store {@code mem},
     * whose {@code memory://} locations a client may add, with locations shown and changeable.
     */
    static final String STORES = String.join(
            "\n",
            "enabled_backends = local:file, mem:test-memory",
            "show_multiple_locations = true",
            "",
            "[glance_store]",
            "default_backend = local",
            "");

    /** One of the servers: the database it runs on, and its base URL. */
    public record Target(String database, URI base) {
        @Override
        public String toString() {
            return database;
        }
    }

    private static volatile List<Target> targets;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        Servers servers = store.getOrComputeIfAbsent(Servers.class, key -> Servers.open(), Servers.class);
        targets = servers.targets;
    }

    /** The SQLite server, then the PostgreSQL server, then the MariaDB server. */
    public static List<Target> targets() {
        if (targets == null) {
            throw new IllegalStateException(
                    "BothDatabases has not run: register it with @ExtendWith(BothDatabases.class)");
        }
        return targets;
    }

    /** The servers and the database servers, closed by JUnit at the end of the run. */
    private static final class Servers implements ExtensionContext.Store.CloseableResource {
        private final Path dir;
        private final List<AutoCloseable> resources;
        private final List<Target> targets;

        private Servers(Path dir, List<AutoCloseable> resources, List<Target> targets) {
            this.dir = dir;
            this.resources = resources;
            this.targets = List.copyOf(targets);
        }

        static Servers open() {
            try {
                Path dir = Files.createTempDirectory("glance4j-both-databases");
                Files.writeString(dir.resolve("protections.conf"), PROTECTIONS);
                List<AutoCloseable> resources = new java.util.ArrayList<>();
                List<Target> targets = new java.util.ArrayList<>();
                try {
                    PostgresServer postgres = PostgresServer.start();
                    resources.add(postgres);
                    GlanceApplication onSqlite = start(dir.resolve("sqlite"), "");
                    resources.add(0, onSqlite);
                    targets.add(new Target("sqlite", uri(onSqlite)));
                    JdbcSettings database = postgres.newDatabase(10);
                    String url =
                            database.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + database.user() + "@");
                    GlanceApplication onPostgres =
                            start(dir.resolve("postgresql"), "[database]\nconnection = " + url + "\n");
                    resources.add(0, onPostgres);
                    targets.add(new Target("postgresql", uri(onPostgres)));
                    if (MariaDbServer.isInstalled() || RequiredTool.underCi()) {
                        MariaDbServer mariadb = MariaDbServer.start();
                        resources.add(mariadb);
                        JdbcSettings onMariaDb = mariadb.newDatabase(10);
                        String mysql = onMariaDb
                                        .jdbcUrl()
                                        .replace(
                                                "jdbc:mariadb://",
                                                "mysql+pymysql://" + onMariaDb.user() + ":" + onMariaDb.password()
                                                        + "@")
                                + "?charset=utf8";
                        GlanceApplication onMariaDbServer =
                                start(dir.resolve("mariadb"), "[database]\nconnection = " + mysql + "\n");
                        resources.add(0, onMariaDbServer);
                        targets.add(new Target("mariadb", uri(onMariaDbServer)));
                    } else {
                        System.err.println("BothDatabases: MariaDB is not installed, the API tests run on SQLite and"
                                + " PostgreSQL only; apt-get install -y mariadb-server to run them on MariaDB too");
                    }
                    return new Servers(dir, resources, targets);
                } catch (RuntimeException | IOException | InterruptedException e) {
                    closeAll(resources);
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the database servers", e);
            }
        }

        private static GlanceApplication start(Path dir, String extraConf) throws IOException {
            Files.createDirectories(dir);
            Path conf = dir.resolve("glance-api.conf");
            Files.writeString(
                    conf,
                    "[DEFAULT]\nproperty_protection_file = " + dir.getParent().resolve("protections.conf") + "\n"
                            + STORES + extraConf);
            return GlanceApplication.start(List.of(
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--data-dir",
                    dir.resolve("data").toString(),
                    "--auth",
                    "trusted-headers",
                    "--config",
                    conf.toString()));
        }

        private static URI uri(GlanceApplication application) {
            return URI.create("http://127.0.0.1:" + application.port());
        }

        /** Closes the glance4j servers first (they were put first), then the database servers. */
        private static void closeAll(List<AutoCloseable> resources) {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("BothDatabases: could not close " + resource + ": " + e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                closeAll(resources);
            } finally {
                try (Stream<Path> paths = Files.walk(dir)) {
                    paths.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
        }
    }
}
