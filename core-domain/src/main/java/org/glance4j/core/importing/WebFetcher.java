package org.glance4j.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalLong;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.StagingArea;
import org.glance4j.ports.out.importing.WebSource;

/**
 * Fetches the data of a web-download into the staging area: redirects are followed by hand, at most
 * {@value #MAX_REDIRECTS}, each target checked by the {@link WebDownloadFilter} first; the answer must be 200;
 * no more than the size cap is written; a body shorter or longer than its {@code Content-Length} fails, and so
 * does a source that stalls for {@link #IDLE_TIMEOUT}. The bytes come from a {@link WebSource}.
 */
final class WebFetcher {

    static final int MAX_REDIRECTS = 10;
    /** A source that sends nothing for this long is given up (the web source has no read timeout of its own). */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final WebDownloadFilter filter;
    private final WebSource source;

    WebFetcher(WebDownloadFilter filter, WebSource source) {
        this.filter = filter;
        this.source = source;
    }

    /** Downloads {@code uri} into the staging area as the data of the image; returns the number of bytes. */
    long fetch(String uri, StagingArea staging, String imageId, long cap) throws IOException, InterruptedException {
        if (source == null) {
            throw GlanceException.unavailable("web-download has no web source on this server", null);
        }
        URI current = URI.create(uri);
        for (int hop = 0; ; hop++) {
            String refusal = filter.why(current.toString());
            if (refusal != null) {
                throw GlanceException.invalid(
                        (hop == 0 ? "URI for web-download does not pass filtering: " : "Redirect to disallowed URL: ")
                                + current + " (" + refusal + ")");
            }
            WebSource.Response response = source.get(current);
            int status = response.status();
            if (status >= 300 && status < 400 && status != 304) {
                response.close();
                String location = response.location().orElse(null);
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
                OptionalLong declared = response.contentLength();
                if (declared.isPresent() && declared.getAsLong() > cap) {
                    throw GlanceException.tooLarge("The incoming image is too large: " + declared.getAsLong()
                            + " bytes is more than image_size_cap (" + cap + ")");
                }
                long written = staging.write(imageId, new CappedInputStream(body, cap));
                if (declared.isPresent() && declared.getAsLong() != written) {
                    staging.delete(imageId);
                    throw GlanceException.invalid(
                            "Downloaded data size " + written + " is different from expected " + declared.getAsLong());
                }
                return written;
            }
        }
    }
}
