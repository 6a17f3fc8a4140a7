package org.glance4j.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.BiFunction;
import org.glance4j.ports.error.GlanceException;

/**
 * Sends glance4j's requests to Keystone: a request that finds no connection (refused, reset, or a kept-alive one
 * Keystone had closed) is sent again up to {@code retries} times; no answer within the request's timeout, or
 * running out of tries, is the {@code UNAVAILABLE} error its owner makes.
 */
final class KeystoneSender {
    private static final System.Logger LOG = System.getLogger(KeystoneSender.class.getName());

    private final HttpClient http;
    private final URI identity;
    private final Duration timeout;
    private final int retries;
    private final BiFunction<String, Throwable, GlanceException> unavailable;

    /**
     * @param identity    Keystone's address, named in the error when it cannot be reached
     * @param timeout     the connect timeout, also each request's timeout
     * @param unavailable makes the error from what went wrong and its cause
     */
    KeystoneSender(
            URI identity, Duration timeout, int retries, BiFunction<String, Throwable, GlanceException> unavailable) {
        this.identity = identity;
        this.timeout = timeout;
        this.retries = retries;
        this.unavailable = unavailable;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A request builder for {@code uri} with this sender's timeout. */
    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /**
     * @return Keystone's answer, whatever its status
     * @throws GlanceException {@code UNAVAILABLE} when Keystone cannot be reached or does not answer in time
     */
    HttpResponse<byte[]> send(HttpRequest request) {
        for (int attempt = 0; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                throw unavailable.apply("no answer within " + timeout.toMillis() + " ms", e);
            } catch (IOException e) {
                if (attempt >= retries) {
                    throw unavailable.apply(
                            e instanceof ConnectException ? "cannot connect to " + identity : e.toString(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable.apply("interrupted", e);
            }
        }
    }

    /**
     * A GET of {@code uri} (JSON accepted) with glance4j's own token as {@code X-Auth-Token} and the given header
     * pairs; when Keystone answers 401 the token is discarded and the GET is sent once more with a fresh one.
     *
     * @param headers name, value, name, value, ...
     * @return Keystone's answer, whatever its status; a 401 only when it rejected the fresh token too
     * @throws GlanceException {@code UNAVAILABLE} when Keystone cannot be reached, does not answer in time, or
     *     refuses to issue the token
     */
    HttpResponse<byte[]> getWithOwnToken(URI uri, OwnToken token, String... headers) {
        HttpResponse<byte[]> response = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            String own = token.value();
            HttpRequest.Builder request = request(uri).header("X-Auth-Token", own);
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            response = send(request.header("Accept", "application/json").GET().build());
            if (response.statusCode() != 401) {
                return response;
            }
            LOG.log(System.Logger.Level.INFO, "Keystone rejected glance4j's own token; authenticating again");
            token.discard(own);
        }
        return response;
    }
}
