package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ResponseCommitListener;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;

/**
 * The one place that decides what caches may keep of an answer (docs/caching-proxies.md). Identity travels in
 * headers that caches do not key on ({@code X-Auth-Token}, or the {@code X-Project-Id}, {@code X-Roles}, ... that
 * keystonemiddleware sets), so a cache that kept an answer would hand it to the next caller of the same URL. Every
 * answer, errors and answers Undertow writes by itself included, therefore gets {@code Cache-Control: no-store}
 * when its headers go out, unless a resource declared it the same for every caller ({@link #sameForEveryCaller})
 * and it is not an error. {@code no-store} rather than {@code private}: a user agent's own cache is no safer, since
 * one client process (a dashboard, a service) often acts for many tokens, and clients poll records for changes.
 *
 * <p>The rule runs as a {@link ResponseCommitListener} installed by {@code ApiHandler} on every exchange, so that
 * no resource and no error path can forget it, and a header cleared by {@code ErrorResponder} is set again.
 */
final class CachePolicy implements ResponseCommitListener {
    /** The {@code Cache-Control} of an answer that depends on who asks. */
    static final String CALLER_DEPENDENT = "no-store";

    private static final CachePolicy INSTANCE = new CachePolicy();
    private static final AttachmentKey<Audience> AUDIENCE = AttachmentKey.create(Audience.class);

    /** Who an answer is for. */
    private enum Audience {
        /** The answer is the same whoever asks (and whether anyone is authenticated): caches may keep it. */
        EVERY_CALLER
    }

    private CachePolicy() {
    }

    /** Applies the policy to the answer of {@code exchange}, whatever writes it. */
    static void install(HttpServerExchange exchange) {
        exchange.addResponseCommitListener(INSTANCE);
    }

    /**
     * Declares that the successful answer of {@code exchange} does not depend on the caller (nor on any request
     * header but {@code Host}), so that caches may keep it. An error answer stays uncacheable all the same.
     */
    static void sameForEveryCaller(HttpServerExchange exchange) {
        exchange.putAttachment(AUDIENCE, Audience.EVERY_CALLER);
    }

    @Override
    public void beforeCommit(HttpServerExchange exchange) {
        if (exchange.getAttachment(AUDIENCE) == Audience.EVERY_CALLER && exchange.getStatusCode() < 400) {
            return;
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, CALLER_DEPENDENT);
    }
}
