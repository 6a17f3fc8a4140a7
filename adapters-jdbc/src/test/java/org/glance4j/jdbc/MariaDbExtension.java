package org.glance4j.jdbc;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link MariaDbServer} for the whole test run (the first class that needs it starts it) and stops it
 * when the run ends. Register it as a static field with {@code @RegisterExtension}.
 */
final class MariaDbExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MariaDbExtension.class);

    private MariaDbServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        server = store.getOrComputeIfAbsent(
                        MariaDbServer.class, key -> new RunningServer(startServer()), RunningServer.class)
                .server();
    }

    private static MariaDbServer startServer() {
        try {
            return MariaDbServer.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting MariaDB", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The server; only valid once the class's {@code beforeAll} has run. */
    MariaDbServer server() {
        if (server == null) {
            throw new IllegalStateException("the MariaDB server starts before all tests of the class");
        }
        return server;
    }

    /** Stops the server when JUnit closes the root store at the end of the run. */
    private record RunningServer(MariaDbServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }
}
