package org.glance4j.bootstrap.api.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.Persona;
import org.glance4j.storage.swift.SwiftServer;

/**
 * An in-process glance4j whose one store is a real Swift (through {@link CountingStoreFactory}, which counts the
 * reads asked of it), with or without an image cache in its temporary directory, trusted identity headers and an
 * ephemeral port. Closing stops it and deletes its directory.
 */
final class CachedServer implements AutoCloseable {

    private final Path dir;
    private final GlanceApplication application;
    private final URI base;

    private CachedServer(Path dir, GlanceApplication application) {
        this.dir = dir;
        this.application = application;
        this.base = URI.create("http://127.0.0.1:" + application.port());
    }

    /**
     * Starts a server on Swift; {@code cacheOptions} are lines of {@code [DEFAULT]}, where {@code DIR} stands for the
     * server's directory (e.g. {@code image_cache_dir = DIR/cache}); none for a server without a cache.
     */
    static CachedServer start(SwiftServer.Running swift, String... cacheOptions) {
        try {
            Path dir = Files.createTempDirectory("glance4j-cache");
            String conf = String.join(
                    "\n",
                    "[DEFAULT]",
                    "enabled_backends = swift1:" + CountingStoreFactory.TYPE,
                    String.join("\n", cacheOptions).replace("DIR", dir.toString()),
                    "",
                    "[glance_store]",
                    "default_backend = swift1",
                    "",
                    "[swift1]",
                    "swift_store_auth_address = " + swift.authAddress(),
                    "swift_store_auth_version = 1",
                    "swift_store_user = " + SwiftServer.USER,
                    "swift_store_key = " + SwiftServer.KEY,
                    "swift_store_container = cache-" + UUID.randomUUID(),
                    "swift_store_create_container_on_put = true",
                    "");
            Path file = dir.resolve("glance-api.conf");
            Files.writeString(file, conf);
            try {
                return new CachedServer(
                        dir,
                        GlanceApplication.start(List.of(
                                "--bind",
                                "127.0.0.1",
                                "--port",
                                "0",
                                "--data-dir",
                                dir.resolve("data").toString(),
                                "--auth",
                                "trusted-headers",
                                "--config",
                                file.toString())));
            } catch (RuntimeException e) {
                delete(dir);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Api as(Persona persona) {
        return Api.at(base, persona);
    }

    URI base() {
        return base;
    }

    Path dir() {
        return dir;
    }

    /** The port of {@code /metrics}, when the options gave {@code [glance4j] metrics_port}. */
    int metricsPort() {
        return application.metricsPort();
    }

    @Override
    public void close() throws IOException {
        application.close();
        delete(dir);
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
