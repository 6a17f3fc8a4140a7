package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ResponseCommitListener;
import io.undertow.util.Headers;

/**
 * Tells the client when the server will close the connection after an answer. Undertow writes
 * {@code Connection: close} itself on answers with a body, but not on a {@code 204}: a client that asked for
 * {@code Connection: close} (tempest's HTTP client asks on every call) then took the connection for a kept-alive one,
 * sent its next call on it and found it closed. Installed by {@code ApiHandler} on every exchange.
 */
final class ConnectionHeader implements ResponseCommitListener {
    private static final ConnectionHeader INSTANCE = new ConnectionHeader();

    private ConnectionHeader() {}

    /** Makes the answer of {@code exchange} say {@code Connection: close} whenever the connection ends with it. */
    static void install(HttpServerExchange exchange) {
        exchange.addResponseCommitListener(INSTANCE);
    }

    @Override
    public void beforeCommit(HttpServerExchange exchange) {
        if (!exchange.isPersistent()) {
            exchange.getResponseHeaders().put(Headers.CONNECTION, Headers.CLOSE.toString());
        }
    }
}
