package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.HashSet;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;

/**
 * {@link AuthMode#TRUSTED_HEADERS}: reads what keystonemiddleware leaves on the request, as Glance's context
 * middleware and oslo.context read it. {@code X-Identity-Status} must be exactly {@code Confirmed}; the user is
 * {@code X-User-Id} (else the deprecated {@code X-User}); the project is {@code X-Project-Id}, else
 * {@code X-Tenant-Id}, else {@code X-Tenant}; the roles are {@code X-Roles}, comma-separated, trimmed and
 * lower-cased. A client-sent {@code X-Openstack-Request-Id} is kept when it has the {@code req-<uuid>} shape.
 */
final class TrustedHeadersIdentity implements Identity {
    static final String UNAUTHORIZED_MESSAGE = "This server could not verify that you are authorized to access the "
            + "document you requested. Either you supplied the wrong credentials (e.g., bad password), or your "
            + "browser does not understand how to supply the credentials required.";

    private static final HttpString IDENTITY_STATUS = new HttpString("X-Identity-Status");
    private static final HttpString[] USER = {new HttpString("X-User-Id"), new HttpString("X-User")};
    private static final HttpString[] PROJECT = {
        new HttpString("X-Project-Id"), new HttpString("X-Tenant-Id"), new HttpString("X-Tenant")
    };
    private static final HttpString ROLES = new HttpString("X-Roles");
    private static final HttpString REQUEST_ID = new HttpString("X-Openstack-Request-Id");

    @Override
    public String requestId(HttpServerExchange exchange) {
        String sent = exchange.getRequestHeaders().getFirst(REQUEST_ID);
        return RequestIds.isWellFormed(sent) ? sent : RequestIds.generate();
    }

    @Override
    public RequestContext context(HttpServerExchange exchange, String requestId) {
        HeaderMap headers = exchange.getRequestHeaders();
        if (!"Confirmed".equals(headers.getFirst(IDENTITY_STATUS))) {
            throw GlanceException.unauthenticated(UNAUTHORIZED_MESSAGE);
        }
        return new RequestContext(requestId, first(headers, USER), first(headers, PROJECT), roles(headers));
    }

    private static String first(HeaderMap headers, HttpString[] names) {
        for (HttpString name : names) {
            String value = headers.getFirst(name);
            if (value != null) {
                value = value.trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static Set<String> roles(HeaderMap headers) {
        String value = headers.getFirst(ROLES);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> roles = new HashSet<>();
        for (String role : value.split(",")) {
            roles.add(role);
        }
        return roles;
    }
}
