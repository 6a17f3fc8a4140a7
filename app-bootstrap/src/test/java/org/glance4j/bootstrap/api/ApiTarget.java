package org.glance4j.bootstrap.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.glance4j.bootstrap.GlanceApplication;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server the API tests talk to.
 *
 * <p>With the system property {@code glance4j.target} (for example {@code http://127.0.0.1:19292}) the
 * tests drive that external server, which may be real Glance. Without it, glance4j is started once per
 * test run in-process on an ephemeral port, with a temporary data directory and trusted identity
 * headers, and closed when the run ends.
 */
public final class ApiTarget implements BeforeAllCallback {

    /** Name of the system property that points the tests at an external server. */
    public static final String TARGET_PROPERTY = "glance4j.target";

    private static volatile URI baseUri;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        Server server = store.getOrComputeIfAbsent(Server.class, key -> Server.open(), Server.class);
        baseUri = server.baseUri;
    }

    /** The base URL of the server under test, without a trailing slash. */
    public static URI baseUri() {
        if (baseUri == null) {
            throw new IllegalStateException("ApiTarget has not run: register it with @ExtendWith(ApiTarget.class)");
        }
        return baseUri;
    }

    /** True when the tests run against an external server rather than an in-process glance4j. */
    public static boolean isExternal() {
        return externalTarget() != null;
    }

    private static String externalTarget() {
        String target = System.getProperty(TARGET_PROPERTY);
        return target == null || target.isBlank() ? null : target.strip();
    }

    /** The running server, closed by JUnit at the end of the run. */
    private static final class Server implements ExtensionContext.Store.CloseableResource {
        private final URI baseUri;
        private final GlanceApplication application;
        private final Path dataDir;

        private Server(URI baseUri, GlanceApplication application, Path dataDir) {
            this.baseUri = baseUri;
            this.application = application;
            this.dataDir = dataDir;
        }

        static Server open() {
            String external = externalTarget();
            if (external != null) {
                String trimmed = external.endsWith("/") ? external.substring(0, external.length() - 1) : external;
                return new Server(URI.create(trimmed), null, null);
            }
            try {
                Path dataDir = Files.createTempDirectory("glance4j-api-test");
                GlanceApplication application = GlanceApplication.start(List.of(
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--data-dir",
                        dataDir.toString(),
                        "--auth",
                        "trusted-headers"));
                return new Server(URI.create("http://127.0.0.1:" + application.port()), application, dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (application == null) {
                return;
            }
            application.close();
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
