package org.glance4j.storage.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP server for the http store's tests: serves the files of a directory under {@code /images/}, with
 * HEAD, single {@code Range: bytes=a-b} / {@code bytes=a-} requests (206, or 416 past the end), and redirects
 * from {@code /moved/<name>} to {@code /images/<name>}. It can be told to ignore ranges (answer 200 with the
 * whole file) or to answer every request with one status (e.g. 503).
 */
public final class RangeServingHttpServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final Path dir;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile boolean ignoreRanges;
    private volatile int forcedStatus;

    public RangeServingHttpServer(Path dir) throws IOException {
        this.dir = dir;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/images/<name>}. */
    public String urlOf(String name) {
        return base() + "/images/" + name;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Path dir() {
        return dir;
    }

    void ignoreRanges(boolean ignore) {
        this.ignoreRanges = ignore;
    }

    /** Answers every request with {@code status} (0: serve normally). */
    void forceStatus(int status) {
        this.forcedStatus = status;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            if (forcedStatus != 0) {
                exchange.sendResponseHeaders(forcedStatus, -1);
                return;
            }
            if (path.startsWith("/moved/")) {
                exchange.getResponseHeaders().add("Location", "/images/" + path.substring("/moved/".length()));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            Path file = path.startsWith("/images/") ? dir.resolve(path.substring("/images/".length())) : null;
            if (file == null || !file.normalize().startsWith(dir) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long size = Files.size(file);
            long from = 0;
            long to = size - 1;
            int status = 200;
            String range = exchange.getRequestHeaders().getFirst("Range");
            if (range != null && !ignoreRanges && !head) {
                Matcher m = RANGE.matcher(range);
                if (!m.matches()) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                from = Long.parseLong(m.group(1));
                if (from >= size) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + size);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                if (!m.group(2).isEmpty()) {
                    to = Math.min(to, Long.parseLong(m.group(2)));
                }
                status = 206;
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + size);
            }
            long length = to - from + 1;
            exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            if (head) {
                exchange.getResponseHeaders().add("Content-Length", String.valueOf(size));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            try (InputStream in = Files.newInputStream(file);
                    OutputStream out = exchange.getResponseBody()) {
                in.skipNBytes(from);
                byte[] buffer = new byte[64 * 1024];
                long left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            } catch (IOException clientWentAway) {
                // a reader that closed early
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
