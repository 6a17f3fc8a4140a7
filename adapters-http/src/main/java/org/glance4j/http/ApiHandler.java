package org.glance4j.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.List;
import java.util.concurrent.Executor;
import org.glance4j.ports.model.RequestContext;

/**
 * The root handler. On the I/O thread it fixes the request id (and its response header, so that every answer
 * carries it) and moves the exchange off the I/O thread: a transfer of image data ({@link TransferRoute}) to the
 * transfer threads, any other call to a worker thread once its body, if it has one, is read without blocking
 * ({@link RequestBodyReceiver}), so that a client that stalls costs its connection and never a worker. There it
 * negotiates the version, reads the identity, routes, and hands the call to a resource. Every failure ends in the
 * one {@link ErrorResponder}. {@code /healthcheck} is answered before any of that ({@link HealthcheckResource}).
 * Every request is told to the {@link RequestObserver} when it starts and ends, and logged once when it ends
 * ({@link AccessLog}); while a thread serves it, {@link RequestLogContext} names its request id.
 */
final class ApiHandler implements HttpHandler {
    /** The caller's project, once identified. */
    static final AttachmentKey<String> PROJECT_ID = AttachmentKey.create(String.class);

    private static final AttachmentKey<String> ROUTE = AttachmentKey.create(String.class);

    private final Identity identity;
    private final V2Router router;
    private final ErrorResponder errors = new ErrorResponder();
    private final boolean multipleStores;
    private final boolean cache;
    private final ConnectionLimits limits;
    private final Executor transfers;
    private final HealthcheckResource health;
    private final RequestObserver observer;
    private final AccessLog accessLog;

    /**
     * With {@code multipleStores}, the version document and negotiation include the multi-store versions;
     * transfers run on {@code transfers}, bounded by {@code limits}' client socket timeout like the request bodies.
     */
    ApiHandler(
            Identity identity, V2Router router, boolean multipleStores, ConnectionLimits limits, Executor transfers) {
        this(
                identity,
                router,
                multipleStores,
                false,
                limits,
                transfers,
                HealthSettings.none(),
                RequestObserver.NONE,
                AccessLog.ON);
    }

    /**
     * With {@code cache}, the version document and negotiation include the image cache versions too; with the
     * healthcheck's settings, an observer of every request and the access log.
     */
    ApiHandler(
            Identity identity,
            V2Router router,
            boolean multipleStores,
            boolean cache,
            ConnectionLimits limits,
            Executor transfers,
            HealthSettings health,
            RequestObserver observer,
            AccessLog accessLog) {
        this.cache = cache;
        this.health = new HealthcheckResource(health, identity);
        this.observer = observer;
        this.accessLog = accessLog;
        this.identity = identity;
        this.router = router;
        this.multipleStores = multipleStores;
        this.limits = limits;
        this.transfers = transfers;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            long start = System.nanoTime();
            String requestId = identity.requestId(exchange);
            exchange.putAttachment(ErrorResponder.REQUEST_ID, requestId);
            exchange.getResponseHeaders().put(ErrorResponder.REQUEST_ID_HEADER, requestId);
            CachePolicy.install(exchange); // every answer, errors included, tells caches what they may keep
            ConnectionHeader.install(exchange); // and says when the connection ends with it
            exchange.addDefaultResponseListener(errors);
            ClientTimeout.attach(exchange, limits);
            String route = route(exchange);
            exchange.putAttachment(ROUTE, route);
            observer.started(exchange.getRequestMethod().toString(), route);
            exchange.addExchangeCompleteListener((done, next) -> {
                try {
                    completed(done, start);
                } finally {
                    next.proceed();
                }
            });
            if (route.equals(RouteTemplates.HEALTHCHECK)) {
                if (HealthcheckResource.wantsDetails(exchange)) {
                    exchange.dispatch(this);
                } else {
                    health.simple(exchange);
                }
                return;
            }
            if (TransferRoute.matches(exchange, multipleStores, cache)) {
                exchange.dispatch(transfers, this);
            } else if (!exchange.isRequestComplete()) {
                RequestBodyReceiver.receive(exchange, null, this, limits.clientSocketTimeoutMillis());
            } else {
                exchange.dispatch(this);
            }
            return;
        }
        String requestId = exchange.getAttachment(ErrorResponder.REQUEST_ID);
        RequestLogContext.set(requestId);
        try {
            if (RouteTemplates.HEALTHCHECK.equals(exchange.getAttachment(ROUTE))) {
                health.detailed(exchange, requestId);
            } else {
                serve(exchange);
            }
        } catch (Throwable failure) {
            errors.send(exchange, failure);
        } finally {
            RequestLogContext.clear();
        }
    }

    /** The path template of a request, worked out from its path alone (see {@link RouteTemplates}). */
    private String route(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        if (path.equals(RouteTemplates.HEALTHCHECK) || path.equals(RouteTemplates.HEALTHCHECK + "/")) {
            return RouteTemplates.HEALTHCHECK;
        }
        VersionNegotiation.Outcome outcome = VersionNegotiation.negotiate(exchange, multipleStores);
        if (outcome.versions()) {
            return RouteTemplates.VERSIONS;
        }
        if (outcome.v2Path().isEmpty()) {
            return "/v2";
        }
        try {
            List<String> segments = UrlCodec.segments(outcome.v2Path());
            return router.matches(segments) ? RouteTemplates.of(segments) : RouteTemplates.UNMATCHED;
        } catch (RuntimeException e) {
            return RouteTemplates.UNMATCHED;
        }
    }

    private void completed(HttpServerExchange exchange, long start) {
        RequestBody body = exchange.getAttachment(RequestBody.KEY);
        long received = ReceivedBytes.of(exchange) + (body != null && body.bytes() != null ? body.bytes().length : 0);
        RequestOutcome outcome = new RequestOutcome(
                exchange.getRequestMethod().toString(),
                exchange.getAttachment(ROUTE),
                exchange.getStatusCode(),
                received,
                exchange.getResponseBytesSent(),
                System.nanoTime() - start,
                exchange.getAttachment(ErrorResponder.REQUEST_ID),
                exchange.getAttachment(PROJECT_ID));
        try {
            observer.completed(outcome);
        } finally {
            accessLog.log(outcome);
        }
    }

    private void serve(HttpServerExchange exchange) throws Exception {
        VersionNegotiation.Outcome outcome = VersionNegotiation.negotiate(exchange, multipleStores, cache);
        if (outcome.versions()) {
            VersionsResource.send(exchange, outcome.explicit(), multipleStores, cache);
            return;
        }
        RequestContext context = identity.context(exchange, exchange.getAttachment(ErrorResponder.REQUEST_ID));
        exchange.putAttachment(PROJECT_ID, context.projectId());
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
