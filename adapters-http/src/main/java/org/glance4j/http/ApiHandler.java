package org.glance4j.http;

import java.util.List;
import java.util.concurrent.Executor;

import org.glance4j.ports.model.RequestContext;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * The root handler. On the I/O thread it fixes the request id (and its response header, so that every answer
 * carries it) and moves the exchange off the I/O thread: a transfer of image data ({@link TransferRoute}) to the
 * transfer threads, any other call to a worker thread once its body, if it has one, is read without blocking
 * ({@link RequestBodyReceiver}), so that a client that stalls costs its connection and never a worker. There it
 * negotiates the version, reads the identity, routes, and hands the call to a resource. Every failure ends in the
 * one {@link ErrorResponder}.
 */
final class ApiHandler implements HttpHandler {
    private final Identity identity;
    private final V2Router router;
    private final ErrorResponder errors = new ErrorResponder();
    private final boolean multipleStores;
    private final boolean cache;
    private final ConnectionLimits limits;
    private final Executor transfers;

    /**
     * With {@code multipleStores}, the version document and negotiation include the multi-store versions;
     * transfers run on {@code transfers}, bounded by {@code limits}' client socket timeout like the request bodies.
     */
    ApiHandler(Identity identity, V2Router router, boolean multipleStores, ConnectionLimits limits,
            Executor transfers) {
        this(identity, router, multipleStores, false, limits, transfers);
    }

    /** With {@code cache}, the version document and negotiation include the image cache versions too. */
    ApiHandler(Identity identity, V2Router router, boolean multipleStores, boolean cache, ConnectionLimits limits,
            Executor transfers) {
        this.cache = cache;
        this.identity = identity;
        this.router = router;
        this.multipleStores = multipleStores;
        this.limits = limits;
        this.transfers = transfers;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            String requestId = identity.requestId(exchange);
            exchange.putAttachment(ErrorResponder.REQUEST_ID, requestId);
            exchange.getResponseHeaders().put(ErrorResponder.REQUEST_ID_HEADER, requestId);
            CachePolicy.install(exchange); // every answer, errors included, tells caches what they may keep
            ConnectionHeader.install(exchange); // and says when the connection ends with it
            exchange.addDefaultResponseListener(errors);
            ClientTimeout.attach(exchange, limits);
            if (TransferRoute.matches(exchange, multipleStores, cache)) {
                exchange.dispatch(transfers, this);
            } else if (!exchange.isRequestComplete()) {
                RequestBodyReceiver.receive(exchange, null, this, limits.clientSocketTimeoutMillis());
            } else {
                exchange.dispatch(this);
            }
            return;
        }
        try {
            serve(exchange);
        } catch (Throwable failure) {
            errors.send(exchange, failure);
        }
    }

    private void serve(HttpServerExchange exchange) throws Exception {
        VersionNegotiation.Outcome outcome = VersionNegotiation.negotiate(exchange, multipleStores, cache);
        if (outcome.versions()) {
            VersionsResource.send(exchange, outcome.explicit(), multipleStores, cache);
            return;
        }
        RequestContext context = identity.context(exchange, exchange.getAttachment(ErrorResponder.REQUEST_ID));
        String path = outcome.v2Path();
        if (path.isEmpty()) {
            Responses.found(exchange, ApiRequest.hostUrl(exchange) + "/v2/");
            return;
        }
        List<String> segments = UrlCodec.segments(path);
        Resource resource = router.route(exchange.getRequestMethod().toString(), segments);
        resource.handle(new ApiRequest(exchange, context, segments));
    }
}
