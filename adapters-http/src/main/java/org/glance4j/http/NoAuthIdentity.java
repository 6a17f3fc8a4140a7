package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import java.util.Set;
import org.glance4j.ports.model.RequestContext;

/** {@link AuthMode#NOAUTH}: everyone is an administrator of one configured project. */
final class NoAuthIdentity implements Identity {
    private static final Set<String> ROLES = Set.of("admin", "member", "reader");

    private final String projectId;
    private final String userId;

    NoAuthIdentity(String projectId, String userId) {
        this.projectId = projectId;
        this.userId = userId;
    }

    @Override
    public String requestId(HttpServerExchange exchange) {
        return RequestIds.generate();
    }

    @Override
    public RequestContext context(HttpServerExchange exchange, String requestId) {
        return new RequestContext(requestId, userId, projectId, ROLES);
    }
}
