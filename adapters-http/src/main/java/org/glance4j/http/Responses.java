package org.glance4j.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Writes successful answers: JSON bodies built with a streaming generator, empty bodies, redirects. */
final class Responses {
    static final String JSON = "application/json";

    /** Writes one JSON document. */
    @FunctionalInterface
    interface JsonContent {
        void write(JsonGenerator generator) throws IOException;
    }

    private Responses() {}

    static void json(HttpServerExchange exchange, int status, JsonContent content) throws IOException {
        Buffer out = new Buffer();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            content.write(g);
        }
        send(exchange, status, JSON, out.asByteBuffer());
    }

    static void send(HttpServerExchange exchange, int status, String contentType, ByteBuffer body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.remaining());
        fromIoThread(exchange, done -> done.getResponseSender().send(body));
    }

    static void noContent(HttpServerExchange exchange) {
        exchange.setStatusCode(204);
        fromIoThread(exchange, HttpServerExchange::endExchange);
    }

    /**
     * Runs {@code last}, the step that ends the exchange, on the connection's I/O thread once the worker thread that
     * calls this returns. Ending an exchange on a worker thread makes Undertow hand the connection back to its I/O
     * thread under a spin lock ({@code HttpReadListener}): when the client's next request arrives meanwhile, the I/O
     * thread spins until the worker thread lets go, and with more busy threads than cores (several nodes on one
     * machine) that worker thread is often not running. Measured with one node answering GET of one image to 2 and
     * 5 connections on a busy 2-core machine: the I/O threads' user CPU was 9 to 69 microseconds a request before
     * (the spin, growing with how busy the machine was) and 8 to 11 after. A blocking
     * exchange (its body read with a stream) keeps sending from its worker thread, where blocking is allowed.
     */
    static void fromIoThread(HttpServerExchange exchange, HttpHandler last) {
        if (exchange.isInIoThread() || exchange.isBlocking()) {
            try {
                last.handleRequest(exchange);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } else {
            exchange.dispatch(exchange.getIoThread(), last);
        }
    }

    static void found(HttpServerExchange exchange, String location) {
        exchange.setStatusCode(302);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    /** A byte stream whose content is handed to Undertow without another copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        ByteBuffer asByteBuffer() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }
}
