package org.glance4j.http;

import java.io.IOException;
import java.util.List;

import io.undertow.server.HttpServerExchange;

/**
 * The version document Glance master publishes: every v2 minor version from 2.18 ({@code CURRENT}) down to 2.0
 * ({@code SUPPORTED}), each linking to {@code <host>/v2/}. It answers 200 at {@code /versions} and 300 wherever
 * version negotiation finds no version.
 */
final class VersionsResource {
    /** The minor versions in the order Glance lists them (image cache and multiple stores enabled). */
    static final List<String> VERSIONS = List.of("2.18", "2.17", "2.16", "2.15", "2.14", "2.13", "2.12", "2.11",
            "2.10", "2.9", "2.8", "2.7", "2.6", "2.5", "2.4", "2.3", "2.2", "2.1", "2.0");
    static final String CURRENT = "2.18";

    private VersionsResource() {
    }

    static void send(HttpServerExchange exchange, boolean explicit) throws IOException {
        String href = ApiRequest.hostUrl(exchange) + "/v2/";
        Responses.json(exchange, explicit ? 200 : 300, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("versions");
            for (String version : VERSIONS) {
                g.writeStartObject();
                g.writeStringField("id", "v" + version);
                g.writeStringField("status", version.equals(CURRENT) ? "CURRENT" : "SUPPORTED");
                g.writeArrayFieldStart("links");
                g.writeStartObject();
                g.writeStringField("rel", "self");
                g.writeStringField("href", href);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
