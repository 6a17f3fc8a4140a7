package org.glance4j.jdbc;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link PostgresServer} for the whole test run (the first class that needs it starts it) and stops it
 * when the run ends. Register it as a static field with {@code @RegisterExtension}.
 */
final class PostgresExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        server = store.getOrComputeIfAbsent(
                        PostgresServer.class, key -> new RunningServer(startServer()), RunningServer.class)
                .server();
    }

    private static PostgresServer startServer() {
        try {
            return PostgresServer.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The server; only valid once the class's {@code beforeAll} has run. */
    PostgresServer server() {
        if (server == null) {
            throw new IllegalStateException("the PostgreSQL server starts before all tests of the class");
        }
        return server;
    }

    /** Stops the server when JUnit closes the root store at the end of the run. */
    private record RunningServer(PostgresServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }
}
