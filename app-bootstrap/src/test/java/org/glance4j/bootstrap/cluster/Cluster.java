package org.glance4j.bootstrap.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.PostgresServer;

/**
 * Several glance4j nodes as one service: a real PostgreSQL ({@link PostgresServer}) with one database for all,
 * one shared file store directory and one shared staging directory ({@code [os_glance_staging_store]}) for all,
 * each node a process of the runnable jar with its own data directory (its own node identity), and Debian's
 * HAProxy in front ({@link HaproxyServer}). Everything lives in a directory under {@code target/} until
 * {@link #close()}.
 *
 * <p>The shared directories stand in for what an operator shares between machines (an NFS export, a CephFS
 * mount); on one machine a plain directory is the same thing.
 */
public final class Cluster implements AutoCloseable {

  private final Path dir;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final Map<String, Path> stagingDirs = new HashMap<>();
  private HaproxyServer haproxy;

  private Cluster(Path dir) {
    this.dir = dir;
  }

  /** Starts PostgreSQL, {@code size} nodes sharing one staging directory, and HAProxy. */
  public static Cluster start(int size) throws Exception {
    return start(size, true);
  }

  /**
   * Starts PostgreSQL, {@code size} nodes and HAProxy; without {@code sharedStaging} each node stages into a
   * directory of its own ({@link #staging(ClusterNode)}), as nodes on different machines without a shared file
   * system do.
   */
  public static Cluster start(int size, boolean sharedStaging) throws Exception {
    HaproxyServer.program();
    Path target = Path.of("target");
    Files.createDirectories(target);
    Cluster cluster = new Cluster(Files.createTempDirectory(target.toAbsolutePath(), "cluster-"));
    try {
      cluster.open(size, sharedStaging);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void open(int size, boolean sharedStaging) throws Exception {
    PostgresServer postgres = PostgresServer.start();
    resources.add(postgres);
    JdbcSettings database = postgres.newDatabase(100);
    String url = database.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + database.user() + "@");
    String common = String.join("\n",
        "[DEFAULT]",
        "enabled_backends = shared:file",
        "",
        "[glance_store]",
        "default_backend = shared",
        "",
        "[shared]",
        "filesystem_store_datadir = " + dir.resolve("shared-store"),
        "",
        "[database]",
        "connection = " + url,
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

  /** The directory of the shared file store. */
  public Path sharedStore() {
    return dir.resolve("shared-store");
  }

  /** Stops HAProxy, the nodes and PostgreSQL; the directory under target/ stays for a look after a failure. */
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
