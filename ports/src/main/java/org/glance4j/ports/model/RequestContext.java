package org.glance4j.ports.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is asking, as the identity layer established it: the user, the project the token is scoped to, and the
 * roles in that project (lower-cased, because Keystone role names compare case-insensitively). A context with a
 * {@code null} project is not project-scoped. The request id travels with it into logs and responses, and the
 * request's {@link Cancellation} into the adapters that do slow work for it ({@link Cancellation#never()} unless the
 * inbound adapter gave one).
 */
public record RequestContext(String requestId, String userId, String projectId, Set<String> roles,
                             Cancellation cancellation) {

    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        cancellation = cancellation == null ? Cancellation.never() : cancellation;
        roles = roles == null ? Set.of()
                : roles.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** A context that is never cancelled. */
    public RequestContext(String requestId, String userId, String projectId, Set<String> roles) {
        this(requestId, userId, projectId, roles, Cancellation.never());
    }

    /** The same caller, with {@code signal} as the request's cancellation. */
    public RequestContext withCancellation(Cancellation signal) {
        return new RequestContext(requestId, userId, projectId, roles, signal);
    }

    public boolean hasRole(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT));
    }
}
