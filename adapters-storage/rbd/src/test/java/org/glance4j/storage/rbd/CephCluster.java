package org.glance4j.storage.rbd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node Ceph from Debian's packages ({@code ceph-mon}, {@code ceph-osd} and {@code ceph-common}, 16.2):
 * one monitor and one OSD on the in-memory {@code memstore} object store, pools of size 1, cephx keys made here,
 * listening on free loopback ports, with the rbd pool {@link #POOL} and a user {@link #USER} that has the rbd
 * profile on it. Started once per test JVM in {@code target/ceph-<pid>}, stopped when the run ends.
 *
 * <p>Use it as a JUnit extension and call {@link #get()}. When the programs are missing the tests are aborted
 * locally, but fail under {@code CI=true}, where {@code .ci/run} installs them.
 */
public final class CephCluster implements BeforeAllCallback {
    public static final String POOL = "images";
    public static final String USER = "glance";

    private static final String[] PROGRAMS = {"ceph-mon", "ceph-osd", "ceph", "ceph-authtool", "monmaptool", "rbd"};
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration OSD_UP_TIMEOUT = Duration.ofMinutes(3);
    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (CephCluster.class) {
            if (running == null) {
                RequiredTool.require("Ceph", "ceph-mon ceph-osd ceph-common", PROGRAMS);
                running = Running.start(
                        Path.of("target", "ceph-" + ProcessHandle.current().pid())
                                .toAbsolutePath());
                Running started = running;
                // also when the test JVM is stopped before JUnit closes its store
                Runtime.getRuntime().addShutdownHook(new Thread(started::killDaemons, "ceph-cluster-stop"));
                context.getRoot()
                        .getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(CephCluster.class.getName(), (ExtensionContext.Store.CloseableResource)
                                () -> running.stop());
            }
        }
    }

    /** The running cluster; only inside a test class extended with this extension. */
    public static Running get() {
        return running;
    }

    private static Path find(String program) {
        return RequiredTool.find(program).orElse(null);
    }

    /** A started cluster. */
    public static final class Running {
        private final Path directory;
        private final Path conf;
        private final String fsid;
        private final List<Process> daemons = new ArrayList<>();

        private Running(Path directory, String fsid) {
            this.directory = directory;
            this.conf = directory.resolve("ceph.conf");
            this.fsid = fsid;
        }

        /** The configuration file a client reads (monitor address and the keyring with every key). */
        public Path conf() {
            return conf;
        }

        /** The cluster's fsid, as written into ceph.conf. */
        public String fsid() {
            return fsid;
        }

        /** The options of an rbd store section on this cluster's pool, as user {@link #USER}. */
        public Map<String, String> storeOptions() {
            return new java.util.HashMap<>(Map.of(
                    RbdImageStoreFactory.POOL.name(),
                    POOL,
                    RbdImageStoreFactory.USER.name(),
                    USER,
                    RbdImageStoreFactory.CEPH_CONF.name(),
                    conf.toString(),
                    RbdImageStoreFactory.CONNECT_TIMEOUT.name(),
                    "30"));
        }

        /** Runs the {@code ceph} or {@code rbd} command line as the admin on this cluster; returns its output. */
        public String admin(String program, String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(program, "-c", conf.toString()));
            command.addAll(List.of(arguments));
            return run(command);
        }

        static Running start(Path directory) throws IOException, InterruptedException {
            deleteTree(directory);
            Files.createDirectories(directory.resolve("mon"));
            Files.createDirectories(directory.resolve("osd/ceph-0"));
            Files.createDirectories(directory.resolve("run"));
            Files.createDirectories(directory.resolve("log"));
            Running cluster = new Running(directory, UUID.randomUUID().toString());
            try {
                cluster.startDaemons(freePortRange(19));
                return cluster;
            } catch (IOException | InterruptedException | RuntimeException e) {
                cluster.stop();
                throw e;
            }
        }

        private void startDaemons(int base) throws IOException, InterruptedException {
            String monAddress = "[v2:127.0.0.1:" + base + ",v1:127.0.0.1:" + (base + 1) + "]";
            String d = directory.toString();
            Files.writeString(
                    conf,
                    String.join(
                            "\n",
                            "[global]",
                            "fsid = " + fsid,
                            "mon_host = " + monAddress,
                            "public_addr = 127.0.0.1",
                            "cluster_addr = 127.0.0.1",
                            "public_network = 127.0.0.0/8",
                            "cluster_network = 127.0.0.0/8",
                            "ms_bind_ipv4 = true",
                            "ms_bind_ipv6 = false",
                            "ms_bind_port_min = " + (base + 2),
                            "ms_bind_port_max = " + (base + 18),
                            "auth_cluster_required = cephx",
                            "auth_service_required = cephx",
                            "auth_client_required = cephx",
                            "keyring = " + d + "/keyring",
                            "run_dir = " + d + "/run",
                            "log_file = " + d + "/log/$name.log",
                            "admin_socket = " + d + "/run/$name.$pid.asok",
                            "osd_pool_default_size = 1",
                            "osd_pool_default_min_size = 1",
                            "osd_pool_default_pg_num = 8",
                            "osd_pool_default_pgp_num = 8",
                            "osd_crush_chooseleaf_type = 0",
                            "mon_allow_pool_size_one = true",
                            "mon_allow_pool_delete = true",
                            "mon_warn_on_pool_no_redundancy = false",
                            "mon_warn_on_insecure_global_id_reclaim_allowed = false",
                            "[mon]",
                            "mon_data = " + d + "/mon/$cluster-$id",
                            "[osd]",
                            "osd_data = " + d + "/osd/$cluster-$id",
                            "osd_objectstore = memstore",
                            "memstore_device_bytes = " + Long.getLong("ceph.memstore.bytes", 3L << 30),
                            "osd_max_object_name_len = 256",
                            "osd_max_object_namespace_len = 64",
                            ""));
            String keyring = d + "/keyring";
            run(List.of(
                    "ceph-authtool",
                    "--create-keyring",
                    keyring,
                    "--gen-key",
                    "-n",
                    "mon.",
                    "--cap",
                    "mon",
                    "allow *"));
            run(List.of(
                    "ceph-authtool",
                    keyring,
                    "--gen-key",
                    "-n",
                    "client.admin",
                    "--cap",
                    "mon",
                    "allow *",
                    "--cap",
                    "osd",
                    "allow *",
                    "--cap",
                    "mgr",
                    "allow *"));
            run(List.of("monmaptool", "--create", "--addv", "a", monAddress, "--fsid", fsid, d + "/monmap"));
            run(List.of(
                    "ceph-mon",
                    "-c",
                    conf.toString(),
                    "--mkfs",
                    "-i",
                    "a",
                    "--monmap",
                    d + "/monmap",
                    "--keyring",
                    keyring));
            daemons.add(daemon("mon", "ceph-mon", "-c", conf.toString(), "-i", "a", "-f"));
            String osdUuid = UUID.randomUUID().toString();
            String osdId = admin("ceph", "osd", "new", osdUuid).strip();
            String osdKeyring = d + "/osd/ceph-" + osdId + "/keyring";
            Files.createDirectories(directory.resolve("osd/ceph-" + osdId));
            run(List.of(
                    "ceph-osd",
                    "-c",
                    conf.toString(),
                    "-i",
                    osdId,
                    "--mkfs",
                    "--mkkey",
                    "--no-mon-config",
                    "--osd-uuid",
                    osdUuid,
                    "--keyring",
                    osdKeyring));
            admin(
                    "ceph",
                    "auth",
                    "add",
                    "osd." + osdId,
                    "osd",
                    "allow *",
                    "mon",
                    "allow profile osd",
                    "-i",
                    osdKeyring);
            Files.writeString(
                    Path.of(keyring), Files.readString(Path.of(osdKeyring)), java.nio.file.StandardOpenOption.APPEND);
            daemons.add(daemon("osd", "ceph-osd", "-c", conf.toString(), "-i", osdId, "-f"));
            awaitOsdUp();
            admin("ceph", "osd", "pool", "create", POOL, "8");
            admin("ceph", "osd", "pool", "application", "enable", POOL, "rbd");
            admin("rbd", "pool", "init", POOL);
            String userKey = admin(
                    "ceph",
                    "auth",
                    "get-or-create",
                    "client." + USER,
                    "mon",
                    "profile rbd",
                    "osd",
                    "profile rbd pool=" + POOL);
            Files.writeString(Path.of(keyring), userKey, java.nio.file.StandardOpenOption.APPEND);
        }

        private void awaitOsdUp() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + OSD_UP_TIMEOUT.toNanos();
            while (true) {
                for (Process daemon : daemons) {
                    if (!daemon.isAlive()) {
                        throw new IllegalStateException("a Ceph daemon stopped; see " + directory.resolve("log"));
                    }
                }
                if (admin("ceph", "osd", "stat").contains("1 up")) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the OSD is not up after " + OSD_UP_TIMEOUT + "; see " + directory.resolve("log"));
                }
                Thread.sleep(200);
            }
        }

        private Process daemon(String name, String... command) throws IOException {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("log/" + name + ".out").toFile())
                    .start();
        }

        /** Kills the daemons at once, without waiting (for a JVM that is going away). */
        synchronized void killDaemons() {
            for (Process daemon : daemons) {
                daemon.destroyForcibly();
            }
        }

        /** Stops the daemons (TERM, then KILL) and removes the cluster's directory. */
        public synchronized void stop() throws InterruptedException {
            for (Process daemon : daemons) {
                daemon.destroy();
            }
            for (Process daemon : daemons) {
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
            daemons.clear();
            try {
                deleteTree(directory);
            } catch (IOException e) {
                // target/ is cleaned by the next build
            }
        }

        private static String run(List<String> command) throws IOException, InterruptedException {
            Path output = Files.createTempFile("ceph-command-", ".out");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    throw new IllegalStateException(
                            "timed out after " + COMMAND_TIMEOUT + ": " + String.join(" ", command));
                }
                return checked(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        }

        private static String checked(List<String> command, int exitValue, String text) {
            if (exitValue != 0) {
                throw new IllegalStateException("exit " + exitValue + ": " + String.join(" ", command) + "\n" + text);
            }
            return text;
        }
    }

    /** The first of {@code count} consecutive ports free on the loopback address. */
    private static int freePortRange(int count) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 60_000 - count);
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no " + count + " free consecutive loopback ports");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
