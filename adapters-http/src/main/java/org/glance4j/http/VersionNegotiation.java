package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the API version of a request as Glance's version negotiation filter does: {@code /versions} is the version
 * document; an {@code Accept: application/vnd.openstack.images-vX} header names the version without touching the
 * path; otherwise the first path segment must be {@code v2} or {@code v2.N} for a published N. Anything else gets
 * the version document with 300.
 */
final class VersionNegotiation {
    private static final String VENDOR_MEDIA_TYPE = "application/vnd.openstack.images-";
    private static final Set<String> ALLOWED = allowed(false);
    private static final Set<String> ALLOWED_MULTI_STORE = allowed(true);
    private static final Set<String> ALLOWED_CACHE = allowed(false, true);
    private static final Set<String> ALLOWED_MULTI_STORE_CACHE = allowed(true, true);

    /** The outcome: the version document (explicitly asked or not), or the v2 path that follows the version. */
    record Outcome(boolean versions, boolean explicit, String v2Path) {}

    private static final Outcome EXPLICIT = new Outcome(true, true, null);
    private static final Outcome CHOICES = new Outcome(true, false, null);

    private VersionNegotiation() {}

    static Outcome negotiate(HttpServerExchange exchange) {
        return negotiate(exchange, false);
    }

    /** With multiple stores, 2.8 and 2.10 to 2.13 are accepted too. */
    static Outcome negotiate(HttpServerExchange exchange, boolean multipleStores) {
        return negotiate(exchange, multipleStores, false);
    }

    /** With an image cache, 2.14, 2.16 and 2.18 are accepted too. */
    static Outcome negotiate(HttpServerExchange exchange, boolean multipleStores, boolean cache) {
        Set<String> allowedVersions = cache
                ? (multipleStores ? ALLOWED_MULTI_STORE_CACHE : ALLOWED_CACHE)
                : multipleStores ? ALLOWED_MULTI_STORE : ALLOWED;
        String path = exchange.getRequestPath();
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        int end = path.indexOf('/', start);
        if (end < 0) {
            end = path.length();
        }
        String first = path.substring(start, end);
        if (first.equals("versions")) {
            return EXPLICIT;
        }
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        if (accept != null && accept.startsWith(VENDOR_MEDIA_TYPE)) {
            String version = accept.substring(VENDOR_MEDIA_TYPE.length());
            return allowedVersions.contains(version) ? new Outcome(false, false, path) : CHOICES;
        }
        return allowedVersions.contains(first) ? new Outcome(false, false, path.substring(end)) : CHOICES;
    }

    private static Set<String> allowed(boolean multipleStores) {
        return allowed(multipleStores, false);
    }

    private static Set<String> allowed(boolean multipleStores, boolean cache) {
        Set<String> allowed = new HashSet<>();
        allowed.add("v2");
        for (String v : VersionsResource.versions(multipleStores, cache)) {
            allowed.add("v" + v);
        }
        return Set.copyOf(allowed);
    }
}
