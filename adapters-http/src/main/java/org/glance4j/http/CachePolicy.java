package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ResponseCommitListener;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;

/**
 * The one place that decides what caches may keep of an answer (docs/caching-proxies.md). Identity travels in
 * headers that caches do not key on ({@code X-Auth-Token}, or the {@code X-Project-Id}, {@code X-Roles}, ... that
 * keystonemiddleware sets), so a cache that kept an answer would hand it to the next caller of the same URL. Every
 * answer, errors and answers Undertow writes by itself included, therefore gets {@code Cache-Control: no-store}
 * when its headers go out, unless a resource declared it the same for every caller ({@link #sameForEveryCaller})
 * and it is not an error. {@code no-store} rather than {@code private}: a user agent's own cache is no safer, since
 * one client process (a dashboard, a service) often acts for many tokens, and clients poll records for changes.
 *
 * <p>One exception lets caching proxies help with the heaviest answers: the bytes of an active public image with a
 * strong tag ({@link #imageData}) are the same for every caller who may download them, and never change. Their
 * {@code 200}, {@code 206} and {@code 304} say {@value #SHARED_IMAGE_DATA}: a shared cache may keep them, but must
 * ask the server before every use ({@code If-None-Match}, sent with the caller's own identity headers), so the
 * server's checks of the caller, the image's visibility and its status run for every download; only the bytes come
 * from the cache. {@code must-revalidate} forbids a stale copy when the server cannot be asked.
 *
 * <p>The rule runs as a {@link ResponseCommitListener} installed by {@code ApiHandler} on every exchange, so that
 * no resource and no error path can forget it, and a header cleared by {@code ErrorResponder} is set again.
 */
final class CachePolicy implements ResponseCommitListener {
    /** The {@code Cache-Control} of an answer that depends on who asks. */
    static final String CALLER_DEPENDENT = "no-store";
    /** The {@code Cache-Control} of the bytes of an active public image: kept, but revalidated before every use. */
    static final String SHARED_IMAGE_DATA = "public, no-cache, must-revalidate";

    private static final CachePolicy INSTANCE = new CachePolicy();
    private static final AttachmentKey<Audience> AUDIENCE = AttachmentKey.create(Audience.class);

    /** Who an answer is for. */
    private enum Audience {
        /** The answer is the same whoever asks (and whether anyone is authenticated): caches may keep it. */
        EVERY_CALLER,
        /**
         * The answer is the bytes of an image that every caller who may download it gets alike, and only the server
         * can tell who may: caches may keep it and serve it after the server's {@code 304} to that caller.
         */
        EVERY_CALLER_THE_SERVER_ADMITS
    }

    private CachePolicy() {}

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

    /**
     * Declares that the answer of {@code exchange} is the data of {@code image} (whole, a range, or a 304): caches
     * may keep it when the image is public and active and has a strong tag ({@link EntityTag#of}), as long as they
     * revalidate it every time. Any other image's data stays {@code no-store}: a private, shared or community
     * image's bytes, a deactivated image's (which only admins may download), and an image's without a tag, whose
     * copies nobody could check. An answer other than 200, 206 or 304 stays {@code no-store} all the same.
     */
    static void imageData(HttpServerExchange exchange, Image image) {
        if (image.visibility() == Visibility.PUBLIC
                && image.status() == ImageStatus.ACTIVE
                && EntityTag.of(image) != null) {
            exchange.putAttachment(AUDIENCE, Audience.EVERY_CALLER_THE_SERVER_ADMITS);
        } else {
            exchange.removeAttachment(AUDIENCE);
        }
    }

    @Override
    public void beforeCommit(HttpServerExchange exchange) {
        Audience audience = exchange.getAttachment(AUDIENCE);
        int status = exchange.getStatusCode();
        if (audience == Audience.EVERY_CALLER && status < 400) {
            return;
        }
        boolean sharedData = audience == Audience.EVERY_CALLER_THE_SERVER_ADMITS
                && (status == 200 || status == 206 || status == 304);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, sharedData ? SHARED_IMAGE_DATA : CALLER_DEPENDENT);
    }
}
