package org.glance4j.bootstrap.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.MariaDbServer;
import org.glance4j.jdbc.PostgresServer;
import org.glance4j.storage.swift.SwiftServer;

/**
 * Several glance4j nodes as one service: one database for all on a real PostgreSQL ({@link PostgresServer}) or
 * MariaDB ({@link MariaDbServer}), one shared image store for all (a container of its own on a real single-node
 * Swift, {@link SwiftServer}, or without Swift a shared file store directory), one shared staging directory
 * ({@code [os_glance_staging_store]}) for all, each node a process of the runnable jar with its own data directory
 * (its own node identity), and Debian's HAProxy in front ({@link HaproxyServer}). Everything but Swift lives in a
 * directory under {@code target/} until {@link #close()}.
 *
 * <p>The shared directories stand in for what an operator shares between machines (an NFS export, a CephFS
 * mount); on one machine a plain directory is the same thing.
 */
public final class Cluster implements AutoCloseable {

    /** The database every node of a cluster shares. */
    public enum Database {
        POSTGRESQL,
        MARIADB
    }

    private final Path dir;
    private final SwiftServer.Running swift;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final Map<String, Path> stagingDirs = new HashMap<>();
    private HaproxyServer haproxy;

    private Cluster(Path dir, SwiftServer.Running swift) {
        this.dir = dir;
        this.swift = swift;
    }

    /**
     * Starts a new database server, {@code size} nodes and HAProxy. The nodes store images in a container of this
     * cluster's own on {@code swift} ({@link #container()}), or in a shared file store directory
     * ({@link #sharedStore()}) when {@code swift} is null. With {@code sharedStaging} every node stages into one
     * directory ({@link #sharedStaging()}); without it each node stages into a directory of its own
     * ({@link #staging(ClusterNode)}), as nodes on different machines without a shared file system do.
     */
    public static Cluster start(int size, Database database, SwiftServer.Running swift, boolean sharedStaging)
            throws Exception {
        HaproxyServer.program();
        Path target = Path.of("target");
        Files.createDirectories(target);
        Cluster cluster = new Cluster(Files.createTempDirectory(target.toAbsolutePath(), "cluster-"), swift);
        try {
            cluster.open(size, database, sharedStaging);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void open(int size, Database database, boolean sharedStaging) throws Exception {
        String common = String.join(
                "\n",
                "[DEFAULT]",
                "enabled_backends = shared:" + (swift == null ? "file" : "swift"),
                "",
                "[glance_store]",
                "default_backend = shared",
                "",
                "[shared]",
                storeOptions(),
                "",
                "[database]",
                "connection = " + connection(database),
                "max_pool_size = 10",
                "",
                "[os_glance_staging_store]",
                "");
        // the first node creates the schema; the others start together once it is there
        for (int i = 1; i <= size; i++) {
            Path nodeDir = dir.resolve("node" + i);
            Path staging = sharedStaging ? sharedStaging() : nodeDir.resolve("staging");
            Path config = dir.resolve("glance-api-node" + i + ".conf");
            stagingDirs.put("node" + i, staging);
            Files.writeString(config, common + "filesystem_store_datadir = " + staging + "\n");
            ClusterNode node = ClusterNode.start("node" + i, nodeDir, config);
            resources.add(0, node);
            nodes.add(node);
            if (i == 1) {
                node.awaitReady();
            }
        }
        for (ClusterNode node : nodes) {
            node.awaitReady();
        }
        haproxy = HaproxyServer.start(dir.resolve("haproxy"), nodes);
        resources.add(0, haproxy);
    }

    /** Starts a server of the given kind and answers the {@code [database] connection} URL of a new database on it. */
    private String connection(Database database) throws Exception {
        if (database == Database.MARIADB) {
            MariaDbServer mariadb = MariaDbServer.start();
            resources.add(mariadb);
            JdbcSettings settings = mariadb.newDatabase(100);
            return settings.jdbcUrl()
                    .replace("jdbc:mariadb://", "mysql+pymysql://" + settings.user() + ":" + settings.password() + "@");
        }
        PostgresServer postgres = PostgresServer.start();
        resources.add(postgres);
        JdbcSettings settings = postgres.newDatabase(100);
        return settings.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + settings.user() + "@");
    }

    /** The options of the shared store: this cluster's container on Swift (TempAuth), or the file store directory. */
    private String storeOptions() {
        if (swift == null) {
            return "filesystem_store_datadir = " + sharedStore();
        }
        return String.join(
                "\n",
                "swift_store_auth_address = " + swift.authAddress(),
                "swift_store_auth_version = 1",
                "swift_store_user = " + SwiftServer.USER,
                "swift_store_key = " + SwiftServer.KEY,
                "swift_store_container = " + container(),
                "swift_store_create_container_on_put = true");
    }

    /** The nodes, in HAProxy's order. */
    public List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The load balancer in front of every node. */
    public HaproxyServer haproxy() {
        return haproxy;
    }

    /** The directory every node stages glance-direct data in. */
    public Path sharedStaging() {
        return dir.resolve("shared-staging");
    }

    /** The directory {@code node} stages glance-direct data in. */
    public Path staging(ClusterNode node) {
        return stagingDirs.get(node.name());
    }

    /** The directory of the shared file store, when the cluster runs without Swift. */
    public Path sharedStore() {
        return dir.resolve("shared-store");
    }

    /** The Swift container that holds this cluster's images (named after the cluster's directory). */
    public String container() {
        return "glance-" + dir.getFileName();
    }

    /** The names of the objects in this cluster's Swift container; refused when the cluster runs without Swift. */
    public List<String> storedObjects() throws Exception {
        if (swift == null) {
            throw new IllegalStateException("this cluster stores its images in files, not on Swift");
        }
        return swift.objectNames(container());
    }

    /** Stops HAProxy, the nodes and the database; Swift is the caller's. The directory under target/ stays. */
    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("Cluster: could not close " + resource + ": " + e);
            }
        }
    }
}
