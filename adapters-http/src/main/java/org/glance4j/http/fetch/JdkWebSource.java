package org.glance4j.http.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import org.glance4j.ports.out.importing.WebSource;

/**
 * The web-download source over the JDK's HTTP client: one {@code GET} per call, redirects not followed (the core
 * checks each target before it follows one), 30 seconds to connect and 5 minutes to the response headers. The
 * body is handed over as it arrives.
 */
public final class JdkWebSource implements WebSource {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    @Override
    public Response get(URI uri) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri).GET().timeout(HEADERS_TIMEOUT).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        return new Response(
                response.statusCode(),
                response.headers().firstValue("Location"),
                contentLength(response),
                response.body());
    }

    private static OptionalLong contentLength(HttpResponse<?> response) {
        try {
            return response.headers().firstValueAsLong("Content-Length");
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
