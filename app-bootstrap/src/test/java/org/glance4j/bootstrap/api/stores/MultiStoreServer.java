package org.glance4j.bootstrap.api.stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.Persona;

/**
 * An in-process glance4j started with a {@code glance-api.conf} of its own (trusted identity headers, an ephemeral
 * port, a temporary data directory), for the tests of configurations the shared {@code ApiTarget} server does not
 * have. Closing stops it and deletes its directory.
 */
final class MultiStoreServer implements AutoCloseable {

    private final Path dir;
    private final GlanceApplication application;
    private final URI base;

    private MultiStoreServer(Path dir, GlanceApplication application) {
        this.dir = dir;
        this.application = application;
        this.base = URI.create("http://127.0.0.1:" + application.port());
    }

    /** Starts a server on {@code conf}, where {@code DIR} stands for the server's temporary directory. */
    static MultiStoreServer start(String conf) {
        try {
            Path dir = Files.createTempDirectory("glance4j-multistore");
            Path file = dir.resolve("glance-api.conf");
            Files.writeString(file, conf.replace("DIR", dir.toString()));
            try {
                return new MultiStoreServer(
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

    Path dir() {
        return dir;
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
