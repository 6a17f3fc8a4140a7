package org.glance4j.bootstrap.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.UUID;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.RepeatingStream;
import org.glance4j.storage.http.RangeServingHttpServer;
import org.glance4j.storage.s3.S3ProxyServer;
import org.glance4j.storage.swift.SwiftServer;

/**
 * Upload and download throughput of one image (1 GiB by default) through each store, at the store SPI (no HTTP
 * API, no hashing): {@code file}; {@code s3} on S3Proxy in this JVM (filesystem-backed); {@code s3} on the s3api
 * of a single-node Swift; {@code swift} on the same Swift (TempAuth); {@code http} (download only, from a JDK HTTP
 * server in this JVM serving a file). Stores use Glance's default large-object and chunk sizes. All servers run
 * on this machine, on loopback and the same disk, so the numbers compare code paths, not networks. A main, not a
 * test.
 *
 * <p>Run: {@code java -Xmx512m -cp <test classpath of app-bootstrap>
 * org.glance4j.bootstrap.bench.RemoteStoresThroughput [MiB] [work dir]}; needs Swift's programs for the Swift rows.
 */
public final class RemoteStoresThroughput {
    private static final int BLOCK = 1024 * 1024;

    private RemoteStoresThroughput() {}

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path work = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "/tmp/glance4j-remote-bench"));
        long size = mib * BLOCK;
        byte[] block = new byte[BLOCK];
        new Random(7).nextBytes(block);
        System.out.printf(
                "image %d MiB, heap max %d MiB%n", mib, Runtime.getRuntime().maxMemory() >> 20);

        try (ImageStore file = factory("file")
                .create(
                        "file",
                        Map.of("filesystem_store_datadir", work.resolve("file").toString()))) {
            measure("file", file, block, size, mib);
        }
        try (S3ProxyServer s3proxy = S3ProxyServer.start()) {
            try (ImageStore s3 = factory("s3")
                    .create(
                            "s3proxy",
                            Map.of(
                                    "s3_store_host",
                                    s3proxy.endpoint(),
                                    "s3_store_access_key",
                                    S3ProxyServer.ACCESS_KEY,
                                    "s3_store_secret_key",
                                    S3ProxyServer.SECRET_KEY,
                                    "s3_store_bucket",
                                    "bench",
                                    "s3_store_create_bucket_on_put",
                                    "true"))) {
                measure("s3 on S3Proxy (multipart, 10 MiB parts)", s3, block, size, mib);
            }
        }
        SwiftServer.Running swift = SwiftServer.Running.start();
        try {
            try (ImageStore s3 = factory("s3")
                    .create(
                            "s3swift",
                            Map.of(
                                    "s3_store_host",
                                    swift.s3Endpoint(),
                                    "s3_store_access_key",
                                    SwiftServer.USER,
                                    "s3_store_secret_key",
                                    SwiftServer.KEY,
                                    "s3_store_bucket",
                                    "bench",
                                    "s3_store_create_bucket_on_put",
                                    "true"))) {
                measure("s3 on Swift's s3api (multipart, 10 MiB parts)", s3, block, size, mib);
            }
            try (ImageStore store = factory("swift")
                    .create(
                            "swift",
                            Map.of(
                                    "swift_store_auth_address",
                                    swift.authAddress(),
                                    "swift_store_user",
                                    SwiftServer.USER,
                                    "swift_store_key",
                                    SwiftServer.KEY,
                                    "swift_store_auth_version",
                                    "1",
                                    "swift_store_container",
                                    "bench",
                                    "swift_store_create_container_on_put",
                                    "true"))) {
                measure("swift (one object, below the 5 GiB SLO threshold)", store, block, size, mib);
            }
            try (ImageStore store = factory("swift")
                    .create(
                            "swift-slo",
                            Map.of(
                                    "swift_store_auth_address",
                                    swift.authAddress(),
                                    "swift_store_user",
                                    SwiftServer.USER,
                                    "swift_store_key",
                                    SwiftServer.KEY,
                                    "swift_store_auth_version",
                                    "1",
                                    "swift_store_container",
                                    "bench-slo",
                                    "swift_store_create_container_on_put",
                                    "true",
                                    "swift_store_large_object_size",
                                    "100",
                                    "swift_store_large_object_chunk_size",
                                    "200"))) {
                measure("swift (SLO, 200 MiB segments)", store, block, size, mib);
            }
        } finally {
            swift.stop();
        }
        Path served = Files.createDirectories(work.resolve("served"));
        try (RangeServingHttpServer web = new RangeServingHttpServer(served);
                ImageStore http = factory("http").create("http", Map.of())) {
            String name = UUID.randomUUID().toString();
            Files.copy(new RepeatingStream(block, size), served.resolve(name));
            long t0 = System.nanoTime();
            check(drain(http.read(web.urlOf(name), null)), size);
            report("http", "download", mib, t0);
            Files.delete(served.resolve(name));
        }
    }

    private static void measure(String label, ImageStore store, byte[] block, long size, long mib) throws Exception {
        long t0 = System.nanoTime();
        StoredObject written = store.write(UUID.randomUUID().toString(), new RepeatingStream(block, size), size);
        report(label, "upload", mib, t0);
        check(written.size(), size);
        t0 = System.nanoTime();
        check(drain(store.read(written.location(), null)), size);
        report(label, "download", mib, t0);
        store.delete(written.location());
    }

    private static long drain(InputStream in) throws Exception {
        long total = 0;
        byte[] buffer = new byte[BLOCK];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
        }
        return total;
    }

    private static ImageStoreFactory factory(String type) {
        return ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static void report(String store, String what, long mib, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-52s %-8s %8.0f MiB/s  (%.1f s)%n", store, what, mib / seconds, seconds);
    }

    private static void check(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("moved " + actual + " bytes, expected " + expected);
        }
    }
}
