package org.glance4j.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.xnio.Options;

/**
 * The Glance Images API v2 over HTTP, served by Undertow. Requests are parsed and small request bodies read on
 * Undertow's I/O threads; the blocking calls into the services run on its worker threads, and transfers of image
 * data on {@link TransferThreads} of their own. {@link ConnectionLimits} bound what each client may hold: the
 * connection cap, the time to send headers, and the client socket timeout for idle connections and stalled
 * bodies, uploads and downloads. Start it once, read {@link #port()}, close it when done.
 */
public final class GlanceHttpServer implements AutoCloseable {
    private final HttpSettings settings;
    private final Identity identity;
    private final V2Router router;
    private final boolean multipleStores;
    private final boolean cache;
    private final HealthSettings health;
    private final RequestObserver observer;
    private final AccessLog accessLog;
    private Undertow undertow;
    private TransferThreads transfers;
    private int boundPort = -1;

    public GlanceHttpServer(HttpSettings settings, ApiServices services) {
        this(settings, services, HealthSettings.none(), RequestObserver.NONE, AccessLog.ON);
    }

    /**
     * A server whose {@code /healthcheck} answers from {@code health}, that tells {@code observer} about every
     * request, and logs each one to {@code accessLog}.
     */
    public GlanceHttpServer(
            HttpSettings settings,
            ApiServices services,
            HealthSettings health,
            RequestObserver observer,
            AccessLog accessLog) {
        this.health = Objects.requireNonNull(health, "health");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(services, "services");
        this.identity = Identity.forSettings(settings);
        this.router = new V2Router(services);
        this.multipleStores = services.stores().multipleStores();
        this.cache = services.cache().enabled();
    }

    /** Binds {@code bindHost:port} and starts serving. */
    public synchronized void start() {
        if (undertow != null) {
            throw new IllegalStateException("The server is already started");
        }
        ConnectionLimits limits = settings.connections();
        TransferThreads threads = new TransferThreads(limits.maxConnections());
        ApiHandler handler =
                new ApiHandler(identity, router, multipleStores, cache, limits, threads, health, observer, accessLog);
        Undertow server = Undertow.builder()
                .addHttpListener(settings.port(), settings.bindHost())
                .setIoThreads(settings.ioThreads())
                .setWorkerThreads(settings.workerThreads())
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, ApiRequest.NO_ENTITY_LIMIT)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, limits.clientSocketTimeoutMillis())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, limits.requestHeaderTimeoutMillis())
                .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
                .setSocketOption(Options.CONNECTION_LOW_WATER, limits.maxConnections())
                .setHandler(new HttpContinueReadHandler(handler))
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            threads.close();
            throw e;
        }
        undertow = server;
        transfers = threads;
        InetSocketAddress address =
                (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        boundPort = address.getPort();
    }

    /** The port the server listens on, also when port 0 (ephemeral) was asked; -1 before {@link #start()}. */
    public synchronized int port() {
        return boundPort;
    }

    /** Stops listening and releases the threads; safe to call twice. */
    @Override
    public synchronized void close() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
            transfers.close();
            transfers = null;
        }
    }
}
