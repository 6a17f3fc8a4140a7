package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import org.glance4j.ports.model.RequestContext;

/**
 * Where the adapter learns who is calling: the request id of the call and the {@link RequestContext} of an API
 * request. One implementation per {@link AuthMode}; nothing else reads identity headers.
 */
interface Identity {

    /** The request id this call is known by in logs and in the {@code x-openstack-request-id} header. */
    String requestId(HttpServerExchange exchange);

    /**
     * The caller of an API request.
     *
     * @throws org.glance4j.ports.error.GlanceException {@code UNAUTHENTICATED} when no confirmed identity is given,
     *         {@code UNAVAILABLE} when the identity service cannot confirm it
     * @throws HttpFailure 401 with a {@code WWW-Authenticate} challenge when a Keystone token is missing or invalid
     */
    RequestContext context(HttpServerExchange exchange, String requestId);

    static Identity forSettings(HttpSettings settings) {
        return switch (settings.authMode()) {
            case NOAUTH -> new NoAuthIdentity(settings.noauthProjectId(), settings.noauthUserId());
            case TRUSTED_HEADERS -> new TrustedHeadersIdentity();
            case KEYSTONE ->
                new KeystoneIdentity(settings.keystone()
                        .orElseThrow(() -> new IllegalArgumentException("AuthMode.KEYSTONE needs KeystoneSettings")));
        };
    }
}
