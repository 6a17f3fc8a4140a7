package org.glance4j.storage.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.out.store.support.BoundedInputStream;

/**
 * A read-only store of images that live at {@code http://} or {@code https://} URLs (added to an image as a
 * location). It reads whole objects and byte ranges (asked with a {@code Range} header; a server that ignores it
 * and sends the whole object is read from the offset on), follows up to five redirects, and refuses writes and
 * deletes in the standard way ({@link org.glance4j.ports.out.store.UnsupportedStoreOperationException}).
 */
public final class HttpImageStore implements ImageStore {
    private static final Set<StoreCapability> CAPABILITIES =
            Set.copyOf(EnumSet.of(StoreCapability.READ, StoreCapability.READ_RANGE));
    private static final long OPEN_ENDED_RANGE = 1L << 52;

    private final String id;
    private final HttpClient client;
    private final Duration readTimeout;

    HttpImageStore(String id, HttpClient client, Duration readTimeout) {
        this.id = id;
        this.client = client;
        this.readTimeout = readTimeout;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public StoredObject write(String imageId, InputStream data, long expectedSize) {
        require(StoreCapability.WRITE);
        throw new IllegalStateException("unreachable");
    }

    @Override
    public boolean delete(String location) {
        require(StoreCapability.DELETE);
        throw new IllegalStateException("unreachable");
    }

    @Override
    public InputStream read(String location, ByteRange range) {
        require(range == null ? StoreCapability.READ : StoreCapability.READ_RANGE);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uriOf(location)).timeout(readTimeout).GET();
        if (range != null) {
            request.header(
                    "Range",
                    "bytes=" + range.offset() + "-"
                            + (range.length() >= OPEN_ENDED_RANGE ? "" : String.valueOf(range.lastByte())));
        }
        HttpResponse<InputStream> response =
                send(request.build(), HttpResponse.BodyHandlers.ofInputStream(), "read image data");
        int status = response.statusCode();
        if (status == 206 || status == 200 && range == null) {
            return response.body();
        }
        closeQuietly(response.body());
        if (status == 200) {
            return wholeBodyCutToRange(location, range);
        }
        if (status == 416 && range != null) {
            throw new GlanceException(
                    ErrorCategory.RANGE_NOT_SATISFIABLE,
                    "Range " + range.offset() + "-" + range.lastByte()
                            + " lies outside the image data at this location of store '" + id + "'");
        }
        throw failure(status, "read image data");
    }

    @Override
    public long size(String location) {
        require(StoreCapability.READ);
        HttpRequest head = HttpRequest.newBuilder(uriOf(location))
                .timeout(readTimeout)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<Void> response = send(head, HttpResponse.BodyHandlers.discarding(), "read the size of image data");
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), "read the size of image data");
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        if (length.isEmpty()) {
            throw GlanceException.unavailable(
                    "Store '" + id + "' cannot read the size of image data: the server" + " at " + hostOf(location)
                            + " sends no Content-Length",
                    null);
        }
        return length.getAsLong();
    }

    /** A server that ignores {@code Range} answered 200: read again and skip to the range ourselves. */
    private InputStream wholeBodyCutToRange(String location, ByteRange range) {
        HttpResponse<InputStream> whole = send(
                HttpRequest.newBuilder(uriOf(location))
                        .timeout(readTimeout)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                "read image data");
        if (whole.statusCode() != 200) {
            closeQuietly(whole.body());
            throw failure(whole.statusCode(), "read image data");
        }
        PushbackInputStream body = new PushbackInputStream(whole.body(), 1);
        try {
            long skipped = body.skip(range.offset());
            int next = 0;
            while (skipped < range.offset() && (next = body.read()) >= 0) {
                skipped++;
                skipped += body.skip(range.offset() - skipped);
            }
            if (next >= 0) {
                next = body.read();
            }
            if (next < 0) {
                closeQuietly(body);
                throw new GlanceException(
                        ErrorCategory.RANGE_NOT_SATISFIABLE,
                        "Range " + range.offset() + "-" + range.lastByte()
                                + " lies outside the image data at this location of store '" + id + "'");
            }
            body.unread(next);
        } catch (IOException e) {
            closeQuietly(body);
            throw unreachable(e, "read image data", location);
        }
        return new BoundedInputStream(body, range.length());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String doing) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw unreachable(e, doing, request.uri().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GlanceException.unavailable("Store '" + id + "' was interrupted while it tried to " + doing, e);
        }
    }

    private GlanceException unreachable(IOException e, String doing, String location) {
        String host = hostOf(location);
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "connecting to " + host + " timed out";
        } else if (e instanceof HttpTimeoutException) {
            why = host + " did not answer in time";
        } else if (e instanceof ConnectException) {
            why = "cannot connect to " + host + " (connection refused)";
        } else {
            why = "the connection to " + host + " broke; the store is unavailable, try again later";
        }
        return GlanceException.unavailable("Store '" + id + "' cannot " + doing + ": " + why, e);
    }

    private GlanceException failure(int status, String doing) {
        if (status == 404 || status == 410) {
            return GlanceException.notFound(
                    "No image data at this location of store '" + id + "' (the server" + " answered " + status + ")");
        }
        String why = switch (status) {
            case 401, 403 -> "the server refused access (HTTP " + status + ")";
            case 429, 503 -> "the server is throttling requests or unavailable (HTTP " + status + "); retry later";
            default ->
                status >= 300 && status < 400
                        ? "too many redirects or a redirect without a target (HTTP " + status + ")"
                        : "the server answered HTTP " + status;
        };
        return GlanceException.unavailable("Store '" + id + "' cannot " + doing + ": " + why, null);
    }

    private URI uriOf(String location) {
        try {
            URI uri = new URI(location);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // refused below
        }
        throw GlanceException.invalid("Store '" + id + "' cannot use the location '" + location
                + "': it is not an http:// or https:// URL with a host");
    }

    /** Scheme, host and port of a location, without user info, path or query (which may carry secrets). */
    private static String hostOf(String location) {
        try {
            URI uri = new URI(location);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return "the server";
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection goes away either way
        }
    }

    @Override
    public String toString() {
        return "http store '" + id + "'";
    }
}
