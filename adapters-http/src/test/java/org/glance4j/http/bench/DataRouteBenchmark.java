package org.glance4j.http.bench;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.glance4j.http.ApiServices;
import org.glance4j.http.AuthMode;
import org.glance4j.http.GlanceHttpServer;
import org.glance4j.http.HttpSettings;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.RangeRequest;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.model.FileRegion;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;

/**
 * Not a test: measures the data routes on loopback. Serves a 1 GiB temp file through {@code GET .../file} as a
 * {@link FileRegion} (zero-copy) and as a plain stream (the copy path), and uploads 1 GiB to a data service that
 * discards it, each with the JDK HTTP client and, when present, {@code curl}. Prints MiB/s per run (best of
 * {@code runs}).
 *
 * <p>Run: {@code java -cp <test classpath> org.glance4j.http.bench.DataRouteBenchmark [sizeMiB] [runs]}.
 */
public final class DataRouteBenchmark {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final String PATH = "/v2/images/" + ID + "/file";

    private DataRouteBenchmark() {}

    public static void main(String[] args) throws Exception {
        long sizeMiB = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long size = sizeMiB * 1024 * 1024;
        Path file = Files.createTempFile("glance4j-bench", ".img");
        try {
            fill(file, size);
            BenchData data = new BenchData(file);
            HttpSettings settings = new HttpSettings("127.0.0.1", 0, AuthMode.NOAUTH, "p", "u", 2, 8);
            try (GlanceHttpServer server = new GlanceHttpServer(
                    settings,
                    new ApiServices(
                            unused(ImageService.class),
                            unused(ImageTagService.class),
                            unused(SchemaService.class),
                            data,
                            unused(ImageActionService.class),
                            unused(ImageMemberService.class)))) {
                server.start();
                URI uri = URI.create("http://127.0.0.1:" + server.port() + PATH);
                boolean curl = curlAvailable();
                System.out.printf(
                        "size %d MiB, best of %d runs, Java %s, heap max %d MiB%n",
                        sizeMiB, runs, Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
                for (boolean zeroCopy : new boolean[] {true, false}) {
                    data.zeroCopy = zeroCopy;
                    String label = zeroCopy ? "download zero-copy (FileRegion)" : "download copy (1 MiB buffer)";
                    report(label + ", JDK client", size, runs, () -> jdkDownload(uri, size));
                    if (curl) {
                        report(label + ", curl", size, runs, () -> curl("-o", "/dev/null", uri.toString()));
                    }
                }
                report("upload to a discarding service, JDK client", size, runs, () -> jdkUpload(uri, size, data));
                if (curl) {
                    report(
                            "upload to a discarding service, curl",
                            size,
                            runs,
                            () -> curl(
                                    "-T",
                                    file.toString(),
                                    "-H",
                                    "Content-Type: application/octet-stream",
                                    "-o",
                                    "/dev/null",
                                    uri.toString()));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void report(String label, long size, int runs, Run run) throws Exception {
        run.run(); // warm-up
        double best = 0;
        double cpu = 0;
        List<String> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            run.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu += (processCpuNanos() - cpuStart) / 1e9;
            double mibs = size / 1048576.0 / seconds;
            all.add(String.format("%.0f", mibs));
            best = Math.max(best, mibs);
        }
        double cpuPerGiB = cpu / runs / (size / 1073741824.0);
        System.out.printf(
                "%-55s %6.0f MiB/s  this JVM's CPU %.2f s/GiB  (runs: %s)%n",
                label, best, cpuPerGiB, String.join(", ", all));
    }

    /** CPU time of this JVM (the server, plus the JDK client when it runs in-process; curl is not counted). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void jdkDownload(URI uri, long size) throws Exception {
        HttpResponse<InputStream> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        byte[] buffer = new byte[1024 * 1024];
        try (InputStream in = r.body()) {
            int k;
            while ((k = in.read(buffer)) >= 0) {
                n += k;
            }
        }
        check(r.statusCode() == 200 && n == size, "download: status " + r.statusCode() + ", " + n + " bytes");
    }

    private static void jdkUpload(URI uri, long size, BenchData data) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(size)), size))
                .build();
        HttpResponse<Void> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
        check(r.statusCode() == 204 && data.uploaded.get() == size, "upload: status " + r.statusCode());
    }

    private static void curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-f"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        check(p.waitFor() == 0, "curl failed: " + command);
    }

    private static boolean curlAvailable() {
        try {
            return new ProcessBuilder("curl", "--version")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static void fill(Path file, long size) throws IOException {
        byte[] block = new byte[1024 * 1024];
        new java.util.Random(1).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T unused(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        });
    }

    /** Serves the temp file whole, as a file region or as a plain stream; counts and discards uploads. */
    private static final class BenchData implements ImageDataService {
        private final Path file;
        private final Image image = Image.builder(ID, Instant.now())
                .status(ImageStatus.ACTIVE)
                .owner("p")
                .checksum("00000000000000000000000000000000")
                .build();
        final AtomicLong uploaded = new AtomicLong();
        volatile boolean zeroCopy;

        BenchData(Path file) {
            this.file = file;
        }

        @Override
        public Image upload(RequestContext context, String imageId, InputStream data, long declaredSize) {
            byte[] buffer = new byte[1024 * 1024];
            long n = 0;
            try {
                int k;
                while ((k = data.read(buffer)) >= 0) {
                    n += k;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            uploaded.set(n);
            return image;
        }

        @Override
        public ImageDownload download(RequestContext context, String imageId, RangeRequest range) {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                long size = channel.size();
                InputStream body = zeroCopy
                        ? new Region(channel, size)
                        : new FilterInputStream(Channels.newInputStream(channel)) {};
                return new ImageDownload(image, body, 0, size, size, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A whole file as a {@link FileRegion}. */
    private static final class Region extends InputStream implements FileRegion {
        private final FileChannel channel;
        private final long size;

        Region(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
        }

        @Override
        public FileChannel channel() {
            return channel;
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public long remaining() {
            return size;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the benchmark expects zero-copy");
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** {@code size} zero bytes, produced without memory. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
