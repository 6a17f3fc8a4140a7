package org.glance4j.ports.out.importing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where web-download reads from: sends one {@code GET} and answers what came back, without following redirects
 * and without judging the status. The core decides everything else: which URIs (and redirect targets) may be
 * fetched, how many redirects are followed, which statuses and sizes fail an import, and how long a silent source
 * is waited for.
 *
 * <p>Implementations are thread-safe and give up connecting after a bounded time (the JDK adapter: 30 seconds) and
 * waiting for the response headers after a bounded time (5 minutes).
 */
public interface WebSource {

    /**
     * Sends {@code GET uri}.
     *
     * @return the response; its body is open and the caller closes the response
     * @throws IOException          when no response came (no connection, a timeout, a broken response)
     * @throws InterruptedException when the calling thread is interrupted while waiting
     * @throws IllegalArgumentException when the URI's scheme is not one the source speaks (http and https)
     */
    Response get(URI uri) throws IOException, InterruptedException;

    /**
     * One response.
     *
     * @param status        the HTTP status code
     * @param location      the {@code Location} header, when there is one
     * @param contentLength the {@code Content-Length} header, when there is one that parses
     * @param body          the body, read as it arrives
     */
    record Response(int status, Optional<String> location, OptionalLong contentLength, InputStream body)
            implements AutoCloseable {

        /** Closes the body (and so releases the connection). */
        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
