package org.glance4j.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

import org.glance4j.ports.error.GlanceException;

/**
 * Fetches the data of a web-download into the staging area: redirects are followed by hand, at most
 * {@value #MAX_REDIRECTS}, each target checked by the {@link WebDownloadFilter} first; the answer must be 200;
 * no more than the size cap is written; a body shorter or longer than its {@code Content-Length} fails, and so
 * does a source that stalls for {@link #IDLE_TIMEOUT}.
 */
final class WebFetcher {

    static final int MAX_REDIRECTS = 10;
    /** A source that sends nothing for this long is given up (the HTTP client has no read timeout of its own). */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final WebDownloadFilter filter;
    private final HttpClient client;

    WebFetcher(WebDownloadFilter filter) {
        this.filter = filter;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** Downloads {@code uri} into the staging file of the image; returns the number of bytes. */
    long fetch(String uri, StagingArea staging, String imageId, long cap) throws IOException, InterruptedException {
        URI current = URI.create(uri);
        for (int hop = 0; ; hop++) {
            String refusal = filter.why(current.toString());
            if (refusal != null) {
                throw GlanceException.invalid((hop == 0 ? "URI for web-download does not pass filtering: "
                        : "Redirect to disallowed URL: ") + current + " (" + refusal + ")");
            }
            HttpRequest request = HttpRequest.newBuilder(current).GET().timeout(Duration.ofMinutes(5)).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                response.body().close();
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw GlanceException.invalid("The web-download source answered " + status + " without Location");
                }
                if (hop >= MAX_REDIRECTS) {
                    throw GlanceException.invalid("Too many redirects fetching " + uri);
                }
                current = current.resolve(location);
                continue;
            }
            try (InputStream body = new IdleTimeoutInputStream(response.body(), IDLE_TIMEOUT)) {
                if (status != 200) {
                    throw GlanceException.invalid("The web-download source " + current + " answered HTTP " + status);
                }
                OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
                if (declared.isPresent() && declared.getAsLong() > cap) {
                    throw GlanceException.tooLarge("The incoming image is too large: " + declared.getAsLong()
                            + " bytes is more than image_size_cap (" + cap + ")");
                }
                long written = staging.write(imageId, body, cap);
                if (declared.isPresent() && declared.getAsLong() != written) {
                    staging.delete(imageId);
                    throw GlanceException.invalid("Downloaded data size " + written + " is different from expected "
                            + declared.getAsLong());
                }
                return written;
            }
        }
    }
}
