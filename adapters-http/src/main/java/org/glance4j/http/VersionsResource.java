package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.List;

/**
 * The version document Glance master publishes for a deployment without an image cache: 2.17 is {@code CURRENT} and
 * the cache versions (2.14, 2.16, 2.18) are left out, as master leaves them out without {@code image_cache_dir}.
 * The multi-store versions (2.8, 2.10 to 2.13) appear only with {@code enabled_backends}
 * ({@link #MULTI_STORE_VERSIONS}), as in master. Each links to {@code <host>/v2/}. It answers 200 at
 * {@code /versions} and 300 wherever version negotiation finds no version; negotiation accepts exactly these minors.
 * The versions are listed newest first, as Glance lists them with an image cache and as 25.1.0 does; master without
 * a cache lists 2.15 and 2.9 before its CURRENT 2.17 (docs/differences-from-glance.md). With an image cache
 * ({@link #CACHE_VERSIONS}) 2.18 is {@code CURRENT} and 2.14 to 2.17 precede the others, as in master.
 */
final class VersionsResource {
    /** The minor versions, newest first, without image cache and multiple stores. */
    static final List<String> VERSIONS =
            List.of("2.17", "2.15", "2.9", "2.7", "2.6", "2.5", "2.4", "2.3", "2.2", "2.1", "2.0");
    /** The minor versions, newest first, with multiple stores and without image cache. */
    static final List<String> MULTI_STORE_VERSIONS = List.of(
            "2.17", "2.15", "2.13", "2.12", "2.11", "2.10", "2.9", "2.8", "2.7", "2.6", "2.5", "2.4", "2.3", "2.2",
            "2.1", "2.0");

    static final String CURRENT = "2.17";
    /** With an image cache, the versions of the cache API come first: 2.18 (clean, prune) is current. */
    static final List<String> CACHE_VERSIONS = List.of("2.18", "2.17", "2.16", "2.15", "2.14");

    static final String CACHE_CURRENT = "2.18";

    /** The versions published with or without multiple stores ({@code enabled_backends}). */
    static List<String> versions(boolean multipleStores) {
        return multipleStores ? MULTI_STORE_VERSIONS : VERSIONS;
    }

    /** The versions published with or without multiple stores and an image cache ({@code image_cache_dir}). */
    static List<String> versions(boolean multipleStores, boolean cache) {
        if (!cache) {
            return versions(multipleStores);
        }
        List<String> all = new java.util.ArrayList<>(CACHE_VERSIONS);
        for (String version : versions(multipleStores)) {
            if (!all.contains(version)) {
                all.add(version);
            }
        }
        return List.copyOf(all);
    }

    private VersionsResource() {}

    static void send(HttpServerExchange exchange, boolean explicit) throws IOException {
        send(exchange, explicit, false);
    }

    static void send(HttpServerExchange exchange, boolean explicit, boolean multipleStores) throws IOException {
        send(exchange, explicit, multipleStores, false);
    }

    static void send(HttpServerExchange exchange, boolean explicit, boolean multipleStores, boolean cache)
            throws IOException {
        String current = cache ? CACHE_CURRENT : CURRENT;
        String href = ApiRequest.hostUrl(exchange) + "/v2/";
        if (explicit) {
            CachePolicy.sameForEveryCaller(exchange); // the 300 follows the path and Accept: kept from caches
        }
        Responses.json(exchange, explicit ? 200 : 300, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("versions");
            for (String version : versions(multipleStores, cache)) {
                g.writeStartObject();
                g.writeStringField("id", "v" + version);
                g.writeStringField("status", version.equals(current) ? "CURRENT" : "SUPPORTED");
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
