package org.glance4j.http;

import com.fasterxml.jackson.core.JsonGenerator;
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
        exchange.getResponseSender().send(body);
    }

    static void noContent(HttpServerExchange exchange) {
        exchange.setStatusCode(204);
        exchange.endExchange();
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
