package org.glance4j.http;

import io.undertow.server.DefaultResponseListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * Renders every error answer, whatever raised it: a {@link GlanceException} from the services, an
 * {@link HttpFailure} from routing, an unexpected exception (500 with a generic message, logged with the request
 * id), and error statuses Undertow sets on its own (as a {@link DefaultResponseListener}). The body follows
 * {@code Accept} (see {@link ErrorMediaType}); the request id header is kept.
 */
final class ErrorResponder implements DefaultResponseListener {
    static final HttpString REQUEST_ID_HEADER = new HttpString("x-openstack-request-id");
    static final AttachmentKey<String> REQUEST_ID = AttachmentKey.create(String.class);
    static final String INTERNAL_MESSAGE =
            "The server has either erred or is incapable of performing the requested operation.";

    private static final System.Logger LOG = System.getLogger(ErrorResponder.class.getName());

    /** Answers the exchange with the error {@code failure} stands for. */
    void send(HttpServerExchange exchange, Throwable failure) {
        String requestId = exchange.getAttachment(REQUEST_ID);
        HttpStatus status;
        String message;
        Map<String, String> headers = Map.of();
        if (failure instanceof HttpFailure f) {
            status = f.status();
            message = f.getMessage();
            headers = f.headers();
        } else if (failure instanceof GlanceException g) {
            status = ErrorStatus.of(g.category());
            message = g.getMessage();
            if (g.category() == ErrorCategory.INTERNAL || g.category() == ErrorCategory.UNAVAILABLE) {
                LOG.log(System.Logger.Level.ERROR, "Request " + requestId + " failed: " + g.getMessage(), g);
            } else if (g.getCause() != null) {
                // The client reads the message; what a library said about it is for the operator.
                LOG.log(System.Logger.Level.WARNING, "Request " + requestId + " refused: " + g.getMessage(), g);
            }
        } else {
            LOG.log(System.Logger.Level.ERROR, "Request " + requestId + " failed unexpectedly", failure);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            message = INTERNAL_MESSAGE;
        }
        if (exchange.isResponseStarted()) {
            LOG.log(System.Logger.Level.WARNING, "Request " + requestId + ": response already started, closing");
            exchange.endExchange();
            return;
        }
        write(exchange, status, message, headers);
    }

    @Override
    public boolean handleDefaultResponse(HttpServerExchange exchange) {
        if (!exchange.isResponseChannelAvailable() || exchange.getStatusCode() < 400) {
            return false;
        }
        int code = exchange.getStatusCode();
        HttpStatus status = HttpStatus.ofCode(code, exchange.getReasonPhrase());
        String message = switch (code) {
            case 404 -> HttpFailure.NOT_FOUND_MESSAGE;
            case 500 -> INTERNAL_MESSAGE;
            case 413 -> "The request body is larger than the server accepts.";
            default -> status.title() + ".";
        };
        write(exchange, status, message, Map.of());
        return true;
    }

    private static void write(
            HttpServerExchange exchange, HttpStatus status, String message, Map<String, String> headers) {
        String requestId = exchange.getAttachment(REQUEST_ID);
        String tusResumable = exchange.getResponseHeaders().getFirst(TusResource.TUS_RESUMABLE);
        exchange.getResponseHeaders().clear();
        if (tusResumable != null) {
            exchange.getResponseHeaders().put(TusResource.TUS_RESUMABLE, tusResumable); // tus answers carry it
        }
        if (requestId != null) {
            exchange.getResponseHeaders().put(REQUEST_ID_HEADER, requestId);
        }
        headers.forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
        ErrorMediaType type =
                ErrorMediaType.negotiate(exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
        byte[] body = ErrorBody.render(type, status, message);
        exchange.setStatusCode(status.code());
        exchange.setReasonPhrase(status.title());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type.contentType());
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
