package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * Tells, on the I/O thread and before anything else is read, whether a request moves image data: {@code PUT} and
 * {@code GET /v2/images/{id}/file}, {@code PUT /v2/images/{id}/stage}, and a tus upload's {@code POST} and
 * {@code PATCH}. Those stream through the blocking store interface and run on the transfer threads; every other call
 * runs on the worker threads with its body already read. A path that does not decode is no transfer (the worker
 * answers its error).
 */
final class TransferRoute {
    private TransferRoute() {}

    static boolean matches(HttpServerExchange exchange, boolean multipleStores) {
        return matches(exchange, multipleStores, false);
    }

    /** With {@code cache}, the paths of the image cache versions count too. */
    static boolean matches(HttpServerExchange exchange, boolean multipleStores, boolean cache) {
        String method = TusResource.effectiveMethod(exchange);
        if (!method.equals("PUT") && !method.equals("GET") && !method.equals("POST") && !method.equals("PATCH")) {
            return false;
        }
        VersionNegotiation.Outcome outcome = VersionNegotiation.negotiate(exchange, multipleStores, cache);
        if (outcome.versions()) {
            return false;
        }
        List<String> segments;
        try {
            segments = UrlCodec.segments(outcome.v2Path());
        } catch (RuntimeException e) {
            return false;
        }
        if (segments.size() < 3
                || segments.size() > 4
                || !segments.get(0).equals("images")
                || segments.get(1).isEmpty()) {
            return false;
        }
        String last = segments.get(2);
        if (last.equals("tus")) {
            return segments.size() == 3 ? method.equals("POST") : method.equals("PATCH");
        }
        return segments.size() == 3
                && (last.equals("file") && (method.equals("PUT") || method.equals("GET"))
                        || last.equals("stage") && method.equals("PUT"));
    }
}
