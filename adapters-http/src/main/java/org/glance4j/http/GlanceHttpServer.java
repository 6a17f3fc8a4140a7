package org.glance4j.http;

import java.net.InetSocketAddress;
import java.util.Objects;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.HttpContinueReadHandler;

/**
 * The Glance Images API v2 over HTTP, served by Undertow. Requests are parsed on Undertow's I/O threads and the
 * blocking calls into the services run on its worker threads. Start it once, read {@link #port()}, close it when
 * done.
 */
public final class GlanceHttpServer implements AutoCloseable {
    private final HttpSettings settings;
    private final ApiHandler handler;
    private Undertow undertow;
    private int boundPort = -1;

    public GlanceHttpServer(HttpSettings settings, ApiServices services) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(services, "services");
        this.handler = new ApiHandler(Identity.forSettings(settings), new V2Router(services),
                services.stores().multipleStores());
    }

    /** Binds {@code bindHost:port} and starts serving. */
    public synchronized void start() {
        if (undertow != null) {
            throw new IllegalStateException("The server is already started");
        }
        Undertow server = Undertow.builder()
                .addHttpListener(settings.port(), settings.bindHost())
                .setIoThreads(settings.ioThreads())
                .setWorkerThreads(settings.workerThreads())
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                .setHandler(new HttpContinueReadHandler(handler))
                .build();
        server.start();
        undertow = server;
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
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
        }
    }
}
