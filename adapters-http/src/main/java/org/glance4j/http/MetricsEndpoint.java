package org.glance4j.http;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on a port of its own, apart from the API so that it never faces the public: answers what
 * {@code scrape} returns (the Prometheus text format) on every request to {@code /metrics}, 404 elsewhere, 405 for
 * a method other than GET and HEAD. One I/O thread and two workers; a scrape is small.
 */
public final class MetricsEndpoint implements AutoCloseable {
    /** The content type of the Prometheus text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String bindHost;
    private final int port;
    private final Supplier<String> scrape;
    private Undertow undertow;
    private int boundPort = -1;

    /** {@code port} 0 picks a free one (see {@link #port()}). */
    public MetricsEndpoint(String bindHost, int port, Supplier<String> scrape) {
        this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
        this.port = port;
        this.scrape = Objects.requireNonNull(scrape, "scrape");
    }

    /** Binds and starts serving. */
    public synchronized void start() {
        Undertow server = Undertow.builder()
                .addHttpListener(port, bindHost)
                .setIoThreads(1)
                .setWorkerThreads(2)
                .setHandler(new HttpHandler() {
                    @Override
                    public void handleRequest(HttpServerExchange exchange) {
                        if (exchange.isInIoThread()) {
                            exchange.dispatch(this);
                        } else {
                            serve(exchange);
                        }
                    }
                })
                .build();
        server.start();
        undertow = server;
        boundPort = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private void serve(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        if (!exchange.getRequestPath().equals("/metrics")) {
            exchange.setStatusCode(404);
            exchange.endExchange();
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.setStatusCode(405);
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            exchange.endExchange();
            return;
        }
        byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (method.equals("HEAD")) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        }
    }

    /** The bound port; -1 before {@link #start()}. */
    public synchronized int port() {
        return boundPort;
    }

    @Override
    public synchronized void close() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
    }
}
