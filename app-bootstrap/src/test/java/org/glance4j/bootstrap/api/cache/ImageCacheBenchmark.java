package org.glance4j.bootstrap.api.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.storage.swift.SwiftServer;

/**
 * Not a test: the node image cache's benchmark. One public image of {@code SIZE_MIB} (default 1024) on an S3 store
 * (Swift's s3api, a single-node Swift from Debian's packages in its own processes), downloaded by {@code CLIENTS}
 * (default 8) concurrent {@code curl} processes: from glance4j without a cache, then with the cache warm (after one
 * download filled it). Prints MiB/s over all clients and the CPU seconds the glance4j JVM spent per GiB served
 * (user + system of this process, from {@code /proc/self/stat}; the curl clients and Swift are other processes), and
 * the page-cache read limit of this machine ({@code dd} of the cached file to {@code /dev/null}, with as many
 * readers).
 *
 * <pre>
 * cd app-bootstrap && mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *     org.glance4j.bootstrap.api.cache.ImageCacheBenchmark 1024 8 /tmp/glance4j-cache-bench
 * </pre>
 */
public final class ImageCacheBenchmark {
    private static final long MIB = 1024 * 1024;

    private ImageCacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sizeMib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dir = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "/tmp/glance4j-cache-bench"));
        SwiftServer.Running swift = SwiftServer.Running.start();
        try {
            String common = String.join("\n",
                    "[DEFAULT]", "enabled_backends = s3:s3", "%CACHE%",
                    "[glance_store]", "default_backend = s3",
                    "[s3]",
                    "s3_store_host = " + swift.s3Endpoint(),
                    "s3_store_access_key = " + SwiftServer.USER,
                    "s3_store_secret_key = " + SwiftServer.KEY,
                    "s3_store_bucket = bench" + UUID.randomUUID().toString().substring(0, 8),
                    "s3_store_create_bucket_on_put = true", "");
            Path plainConf = dir.resolve("plain.conf");
            Path cachedConf = dir.resolve("cached.conf");
            Files.writeString(plainConf, common.replace("%CACHE%", ""));
            Files.writeString(cachedConf, common.replace("%CACHE%", "image_cache_dir = " + dir.resolve("cache")
                    + "\nimage_cache_max_size = " + (4L * sizeMib * MIB) + "\ncache_prefetcher_interval = 3600"));
            Path data = dir.resolve("data");
            String imageId;
            try (GlanceApplication plain = start(data, plainConf)) {
                URI base = plain.baseUri();
                long started = System.nanoTime();
                imageId = upload(base, sizeMib);
                System.out.printf("upload of %d MiB to S3 (Swift s3api): %.0f MiB/s%n", sizeMib,
                        sizeMib / ((System.nanoTime() - started) / 1e9));
                report("no cache, " + clients + " clients", measure(base, imageId, clients, sizeMib));
            }
            try (GlanceApplication cached = start(data, cachedConf)) {
                URI base = cached.baseUri();
                report("cache filling, 1 client", measure(base, imageId, 1, sizeMib));
                report("cache warm, " + clients + " clients", measure(base, imageId, clients, sizeMib));
            }
            Path file = dir.resolve("cache").resolve(imageId);
            report("page cache read limit (dd of the cached file, " + clients + " readers)",
                    ddLimit(file, clients, sizeMib));
        } finally {
            swift.stop();
        }
    }

    private static GlanceApplication start(Path data, Path conf) {
        return GlanceApplication.start(List.of("--port", "0", "--data-dir", data.toString(), "--auth",
                "trusted-headers", "--config", conf.toString()));
    }

    /** Throughput over all clients and the server's CPU seconds per GiB. */
    private record Result(double mibPerSecond, double cpuSecondsPerGib) {
    }

    private static void report(String what, Result result) {
        System.out.printf("%-60s %8.0f MiB/s %8.2f CPU s/GiB%n", what, result.mibPerSecond(),
                result.cpuSecondsPerGib());
    }

    private static Result measure(URI base, String imageId, int clients, int sizeMib) throws Exception {
        double cpuBefore = processCpuSeconds();
        long started = System.nanoTime();
        List<Process> curls = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            curls.add(new ProcessBuilder("curl", "-sS", "--fail", "--max-time", "3600", "-o", "/dev/null",
                    "-H", "X-Identity-Status: Confirmed", "-H", "X-User-Id: bench", "-H", "X-Project-Id: bench",
                    "-H", "X-Roles: reader,member", base + "v2/images/" + imageId + "/file")
                    .redirectErrorStream(true).start());
        }
        for (Process curl : curls) {
            String output = new String(curl.getInputStream().readAllBytes());
            if (curl.waitFor() != 0) {
                throw new IllegalStateException("curl failed: " + output);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = processCpuSeconds() - cpuBefore;
        double gib = clients * sizeMib / 1024.0;
        return new Result(clients * sizeMib / seconds, cpu / gib);
    }

    private static Result ddLimit(Path file, int readers, int sizeMib) throws Exception {
        long started = System.nanoTime();
        List<Process> dds = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            dds.add(new ProcessBuilder("dd", "if=" + file, "of=/dev/null", "bs=1M").redirectErrorStream(true)
                    .start());
        }
        for (Process dd : dds) {
            dd.getInputStream().readAllBytes();
            dd.waitFor();
        }
        return new Result(readers * sizeMib / ((System.nanoTime() - started) / 1e9), 0);
    }

    private static String upload(URI base, int sizeMib) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(request(base.resolve("v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"bench\", \"disk_format\": \"raw\", "
                        + "\"container_format\": \"bare\", \"visibility\": \"public\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = created.body();
        int at = body.indexOf("\"id\": \"") + 7;
        String id = body.substring(at, body.indexOf('"', at));
        HttpResponse<String> uploaded = http.send(request(base.resolve("v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> randomBytes(sizeMib * MIB))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() != 204) {
            throw new IllegalStateException("upload answered " + uploaded.statusCode() + ": " + uploaded.body());
        }
        return id;
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("X-Identity-Status", "Confirmed").header("X-User-Id", "bench")
                .header("X-Project-Id", "bench").header("X-Roles", "admin,member,reader");
    }

    /** {@code size} pseudo-random bytes, generated as they are read. */
    private static InputStream randomBytes(long size) {
        Random random = new Random(1);
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
        };
    }

    /** User + system CPU seconds of this JVM so far. */
    private static double processCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0; // CLK_TCK is 100 on Linux
    }
}
