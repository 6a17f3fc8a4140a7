package org.glance4j.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glance4j.bootstrap.cli.ServeCommand;
import org.glance4j.bootstrap.cli.ServeOptions;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.FileProblem;
import org.glance4j.bootstrap.config.IniFile;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.metrics.Telemetry;
import org.glance4j.bootstrap.wiring.GlanceModule;
import org.glance4j.bootstrap.wiring.OpenStores;
import org.glance4j.bootstrap.wiring.Operations;
import org.glance4j.bootstrap.wiring.RepositoryCloser;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.bootstrap.wiring.StoreTypes;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.lease.NodeLease;
import org.glance4j.http.AuthMode;
import org.glance4j.http.GlanceHttpServer;
import org.glance4j.http.MetricsEndpoint;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.NodeLeases;
import org.glance4j.ports.out.SharedNodeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running glance4j server: what {@link Main}, tests and embedders start. {@link #start(List)} takes the flags
 * of {@code serve}, reads the configuration, opens the database and the image stores, puts back to {@code queued}
 * the uploads this node left unfinished, starts HTTP and returns once {@code GET /versions} answers.
 * {@link #close()} stops HTTP first, then closes the stores, then the repositories.
 */
public final class GlanceApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GlanceApplication.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final GlanceHttpServer server;
    private final OpenStores stores;
    private final RepositoryCloser repositories;
    private final URI baseUri;
    private final AtomicBoolean closed = new AtomicBoolean();
    private GlanceCore core;
    private NodeLeaseSchedule leaseSchedule;
    private CacheSchedule cacheSchedule;
    private VerificationSchedule verificationSchedule;
    private TusExpirySchedule tusExpirySchedule;
    private DataDirLock dataDirLock;
    private MetricsEndpoint metrics;
    private Telemetry telemetry;

    private GlanceApplication(GlanceHttpServer server, OpenStores stores, RepositoryCloser repositories, URI baseUri) {
        this.server = server;
        this.stores = stores;
        this.repositories = repositories;
        this.baseUri = baseUri;
    }

    /**
     * Starts a server with the flags of {@code serve} (a leading {@code serve} is allowed); {@code --port 0} picks a
     * free port.
     *
     * @throws picocli.CommandLine.ParameterException for flags that cannot be understood
     * @throws IllegalArgumentException for {@code --help}, which is for the command line
     * @throws org.glance4j.bootstrap.config.RefusedSettingException for noauth on an address other than loopback
     * @throws ConfigException for a configuration that does not parse, or a data directory that cannot be made
     * @throws IllegalStateException when the database, an image store or the server cannot start (a store's
     *                               message names the store, its section and the option)
     */
    public static GlanceApplication start(List<String> serveArgs) {
        List<String> args = !serveArgs.isEmpty() && serveArgs.get(0).equals("serve")
                ? serveArgs.subList(1, serveArgs.size())
                : serveArgs;
        ServeOptions flags = ServeCommand.parse(args);
        if (flags.help()) {
            throw new IllegalArgumentException("--help is for the command line");
        }
        return start(flags);
    }

    /**
     * Starts a server with the parsed flags of {@code serve}.
     *
     * @throws org.glance4j.bootstrap.config.RefusedSettingException for noauth on an address other than loopback
     * @throws ConfigException for a configuration that does not parse, or a data directory that cannot be made
     * @throws IllegalStateException when the database, an image store or the server cannot start
     */
    public static GlanceApplication start(ServeOptions flags) {
        IniFile file = flags.configFile().map(IniParser::parse).orElseGet(IniFile::empty);
        LoadedConfig config = ConfigLoader.load(file);
        if (!config.ignored().isEmpty()) {
            LOG.warn(config.ignoredReport());
        }
        config.cache().driverWarning().ifPresent(LOG::warn);
        ServerSettings settings = ServerSettings.resolve(flags, config.config(), config.keystone())
                .withImporting(config.importing())
                .withConnections(config.connections());
        if (settings.http().authMode() == AuthMode.KEYSTONE) {
            LOG.info(
                    "validating tokens against Keystone at {} (token_cache_time {} s)",
                    settings.http().keystone().orElseThrow().authUrl(),
                    settings.http().keystone().orElseThrow().tokenCacheTime().toSeconds());
            config.keystone()
                    .memcacheServers()
                    .ifPresent(servers -> LOG.warn(
                            "[keystone_authtoken] "
                                    + "memcache_servers = {} is ignored: glance4j keeps validated tokens in its own memory",
                            servers));
        }
        StoreTypes storeTypes = storeTypes(flags, config);
        LogFormats.use(config.operations().logFormat());
        Optional<Integer> metricsPort =
                flags.metricsPort().or(() -> config.operations().metricsPort());
        Operations operations = new Operations(
                metricsPort.isPresent() ? Telemetry.prometheus() : Telemetry.off(),
                config.operations().disableByFile(),
                config.operations().accessLog(),
                config.operations().tusUploadExpiry());
        createDataDir(settings);
        DataDirLock lock = DataDirLock.acquire(settings.dataDir());
        try {
            GlanceApplication application = launch(
                    settings.withNodeId(NodeIdFile.readOrCreate(settings.dataDir())),
                    config.limits().toSettings(),
                    config.nodeLease(),
                    storeTypes,
                    config.cache(),
                    operations);
            if (metricsPort.isPresent()) {
                application.startMetrics(
                        config.operations()
                                .metricsBindHost()
                                .orElse(settings.http().bindHost()),
                        metricsPort.get(),
                        operations.telemetry());
            }
            application.dataDirLock = lock;
            application.scheduleVerification(config.operations());
            return application;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The store types of the class path and of the plugin directories ({@code --plugins}, then
     * {@code [glance4j] plugin_dirs}), logged with where each came from.
     *
     * @throws StoreTypes.PluginException naming the directory or jar that cannot be used
     */
    private static StoreTypes storeTypes(ServeOptions flags, LoadedConfig config) {
        List<java.nio.file.Path> dirs = new java.util.ArrayList<>();
        flags.pluginDirs().forEach(dir -> dirs.add(dir.toAbsolutePath().normalize()));
        config.pluginDirs().stream().filter(dir -> !dirs.contains(dir)).forEach(dirs::add);
        StoreTypes types = StoreTypes.load(dirs);
        LOG.info(
                "store types: {}{}",
                types.describe(),
                dirs.isEmpty()
                        ? ""
                        : " (plugin directories: "
                                + dirs.stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "))
                                + ")");
        return types;
    }

    private static void createDataDir(ServerSettings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot create the data directory (--data-dir): " + FileProblem.describe(settings.dataDir(), e), e);
        }
    }

    /**
     * Opens the parts in order (database, stores, core), puts back the uploads this node left unfinished, then
     * starts HTTP. The injector builds singletons on first use (development stage), so that this order holds and a
     * failure closes exactly what was opened before it.
     */
    private static GlanceApplication launch(
            ServerSettings settings,
            java.util.Optional<org.glance4j.http.KeystoneLimitsSettings> limits,
            Duration leaseLength,
            StoreTypes storeTypes,
            org.glance4j.bootstrap.config.CacheConfig cache,
            Operations operations) {
        Injector injector;
        try {
            injector = Guice.createInjector(
                    Stage.DEVELOPMENT, new GlanceModule(settings, limits, storeTypes, cache, operations));
        } catch (CreationException e) {
            throw new IllegalStateException("cannot start: " + firstCause(e.getErrorMessages()), e);
        }
        RepositoryCloser repositories = part(injector, RepositoryCloser.class, "cannot open the database");
        OpenStores stores = null;
        GlanceCore core = null;
        NodeLease lease = null;
        try {
            SharedNodeConfig.check(
                    part(injector, SharedNodeSettings.class, "cannot read the shared node settings"), settings);
            stores = part(injector, OpenStores.class, "cannot open the image stores");
            core = part(injector, GlanceCore.class, "cannot build the core");
            lease = new NodeLease(
                    part(injector, NodeLeases.class, "cannot open the node leases"),
                    settings.data().nodeId(),
                    leaseLength,
                    Clock.systemUTC(),
                    core::recoverWorkOf);
            registerLease(lease, leaseLength, settings.data().nodeId());
            int interruptedImports = core.recoverInterruptedImports();
            if (interruptedImports > 0) {
                LOG.warn(
                        "interrupted imports and stages failed, their images queued again: {} (node {})",
                        interruptedImports,
                        settings.data().nodeId());
            }
            int recovered = core.recoverInterruptedUploads();
            if (recovered > 0) {
                LOG.warn(
                        "interrupted uploads put back to queued: {} (node {})",
                        recovered,
                        settings.data().nodeId());
            } else {
                LOG.info(
                        "interrupted uploads put back to queued: 0 (node {})",
                        settings.data().nodeId());
            }
        } catch (RuntimeException e) {
            if (core != null) {
                core.close();
            }
            if (stores != null) {
                stores.close();
            }
            repositories.close();
            throw e;
        }
        GlanceHttpServer server;
        try {
            server = injector.getInstance(GlanceHttpServer.class);
            server.start();
        } catch (RuntimeException e) {
            core.close();
            stores.close();
            repositories.close();
            String why = e instanceof ProvisionException p ? firstCause(p.getErrorMessages()) : String.valueOf(e);
            throw new IllegalStateException(
                    "cannot start the HTTP server on " + settings.http().bindHost() + ":"
                            + settings.http().port() + ": " + why,
                    e);
        }
        GlanceApplication application = new GlanceApplication(
                server, stores, repositories, baseUri(settings.http().bindHost(), server.port()));
        application.core = core;
        application.leaseSchedule = new NodeLeaseSchedule(lease);
        if (core.hasTus()) {
            application.tusExpirySchedule = new TusExpirySchedule(core, TusExpirySchedule.interval(operations));
        }
        GlanceCore started = core;
        core.nodeCache().ifPresent(nodeCache -> {
            LOG.info(
                    "image cache on in {} (image_cache_max_size {} bytes, jobs every {} s): {}",
                    cache.directory().orElseThrow(),
                    cache.maxSize(),
                    cache.jobInterval().toSeconds(),
                    CacheSchedule.summary(started.imageCache().counters()));
            application.cacheSchedule = new CacheSchedule(nodeCache, cache.jobInterval());
            operations.telemetry().imageCache(() -> started.imageCache().counters());
        });
        try {
            application.awaitVersions();
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        LOG.info(
                "glance4j listening on http://{}:{} (auth {}, database {})",
                application.baseUri.getHost(),
                application.port(),
                settings.http()
                        .authMode()
                        .name()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-'),
                settings.database().jdbcUrl());
        return application;
    }

    /**
     * Starts this node's lease before the node puts back its own work. While another node is putting back this
     * node's work (it took this node for dead), the start waits for that claim to end, at most twice the lease.
     */
    private static void registerLease(NodeLease lease, Duration leaseLength, String nodeId) {
        long deadline = System.nanoTime() + leaseLength.multipliedBy(3).toNanos();
        while (!lease.register()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot start: another glance4j node has been putting back the "
                        + "unfinished work of this node (" + nodeId + ") for longer than twice the lease; try again");
            }
            LOG.info("another node is putting back the unfinished work of this node {}; waiting", nodeId);
            try {
                Thread.sleep(Math.max(100, leaseLength.toMillis() / 10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for this node's lease", e);
            }
        }
    }

    /**
     * One part of the server from the injector. A failure that already explains itself (a configuration or start
     * error, or a store's refusal) keeps its own message; anything else is prefixed with {@code what}.
     */
    private static <T> T part(Injector injector, Class<T> type, String what) {
        try {
            return injector.getInstance(type);
        } catch (ProvisionException e) {
            Throwable cause = e.getCause() != null
                    ? e.getCause()
                    : e.getErrorMessages().stream()
                            .map(Message::getCause)
                            .filter(c -> c != null)
                            .findFirst()
                            .orElse(null);
            if (cause instanceof ConfigException config) {
                throw config;
            }
            if (cause instanceof IllegalStateException state) {
                throw state;
            }
            throw new IllegalStateException(
                    what + ": "
                            + (cause instanceof GlanceException g ? g.getMessage() : firstCause(e.getErrorMessages())),
                    e);
        }
    }

    private static String firstCause(java.util.Collection<Message> messages) {
        return messages.stream()
                .findFirst()
                .map(m -> m.getCause() != null ? String.valueOf(m.getCause()) : m.getMessage())
                .orElse("unknown error");
    }

    /** The URI clients use; a wildcard bind address is reached through loopback. */
    static URI baseUri(String bindHost, int port) {
        String host = bindHost;
        try {
            InetAddress address = InetAddress.getByName(bindHost);
            if (address.isAnyLocalAddress()) {
                host = address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
            } else if (address instanceof Inet6Address && !bindHost.startsWith("[")) {
                host = "[" + bindHost + "]";
            }
        } catch (UnknownHostException e) {
            // keep the name as given; the server could bind it, so it resolves
        }
        return URI.create("http://" + host + ":" + port + "/");
    }

    private void awaitVersions() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("versions"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
                last = new IllegalStateException("GET /versions answered " + response.statusCode());
            } catch (ConnectException e) {
                last = e;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for GET /versions", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for GET /versions", e);
            }
        }
        throw new IllegalStateException(
                "the server started but GET " + baseUri.resolve("versions") + " did not answer: " + last, last);
    }

    /**
     * Serves {@code /metrics} on its own port. A port that cannot be bound stops the start.
     *
     * @throws IllegalStateException naming the address when it cannot listen there
     */
    private void startMetrics(String bindHost, int port, Telemetry telemetry) {
        this.telemetry = telemetry;
        MetricsEndpoint endpoint = new MetricsEndpoint(bindHost, port, telemetry::scrape);
        try {
            endpoint.start();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot serve /metrics on " + bindHost + ":" + port + ": " + e, e);
        }
        metrics = endpoint;
        LOG.info(
                "metrics on http://{}/metrics",
                baseUri(bindHost, endpoint.port()).getAuthority());
    }

    /** The port of {@code /metrics}, or -1 when metrics are off. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** The bound port (the real one when 0 was asked). */
    public int port() {
        return server.port();
    }

    /** Starts the periodic verification of the stored images when {@code image_verify_interval} asks for it. */
    private void scheduleVerification(org.glance4j.bootstrap.config.OperationsConfig operations) {
        if (operations.verifyInterval().isZero() || core == null || !core.hasVerification()) {
            return;
        }
        LOG.info(
                "image verification every {} s at most {} MiB/s",
                operations.verifyInterval().toSeconds(),
                operations.verifyRateMib() == 0 ? "unlimited" : operations.verifyRateMib());
        verificationSchedule =
                new VerificationSchedule(core.verification(), operations.verifyInterval(), operations.verifyRateMib());
    }

    /** Where the API is, e.g. {@code http://127.0.0.1:9292/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** Stops HTTP, then closes the stores and the repositories. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (leaseSchedule != null) {
            leaseSchedule.close();
        }
        if (tusExpirySchedule != null) {
            tusExpirySchedule.close();
        }
        if (cacheSchedule != null) {
            cacheSchedule.close();
        }
        if (verificationSchedule != null) {
            verificationSchedule.close();
        }
        try {
            server.close();
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            if (telemetry != null) {
                telemetry.close();
            }
            try {
                if (core != null) {
                    core.close();
                }
                stores.close();
            } finally {
                repositories.close();
                if (dataDirLock != null) {
                    dataDirLock.close();
                }
            }
        }
        LOG.info("glance4j stopped");
    }
}
