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
 * inbound adapter gave one). What else the token said (its domain or system scope, the service token sent with it)
 * is in {@link #token()}, {@link TokenDetails#none()} when the identity layer knows nothing more.
 */
public record RequestContext(
        String requestId,
        String userId,
        String projectId,
        Set<String> roles,
        Cancellation cancellation,
        TokenDetails token) {

    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        cancellation = cancellation == null ? Cancellation.never() : cancellation;
        token = token == null ? TokenDetails.none() : token;
        roles = normalise(roles);
    }

    /** A context that is never cancelled and carries no token details. */
    public RequestContext(String requestId, String userId, String projectId, Set<String> roles) {
        this(requestId, userId, projectId, roles, Cancellation.never(), TokenDetails.none());
    }

    /** A context with this cancellation and no token details. */
    public RequestContext(
            String requestId, String userId, String projectId, Set<String> roles, Cancellation cancellation) {
        this(requestId, userId, projectId, roles, cancellation, TokenDetails.none());
    }

    /** The same caller, with {@code signal} as the request's cancellation. */
    public RequestContext withCancellation(Cancellation signal) {
        return new RequestContext(requestId, userId, projectId, roles, signal, token);
    }

    public boolean hasRole(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT));
    }

    static Set<String> normalise(Set<String> roles) {
        return roles == null
                ? Set.of()
                : roles.stream()
                        .map(r -> r.trim().toLowerCase(Locale.ROOT))
                        .filter(r -> !r.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * What a validated Keystone token says beyond user, project and roles, in the names oslo.context gives them.
     * Every field may be {@code null} (or empty, for the roles) when the token did not say it.
     *
     * @param userDomainId     the domain of the user
     * @param projectDomainId  the domain of the project of a project-scoped token
     * @param domainId         the domain of a domain-scoped token; {@code null} for any other scope
     * @param systemScope      {@code all} for a system-scoped token; {@code null} for any other scope
     * @param serviceUserId    the user of a valid service token ({@code X-Service-Token}), {@code null} without one
     * @param serviceProjectId the project of that service token
     * @param serviceRoles     the roles of that service token (lower-cased), empty without one
     */
    public record TokenDetails(
            String userDomainId,
            String projectDomainId,
            String domainId,
            String systemScope,
            String serviceUserId,
            String serviceProjectId,
            Set<String> serviceRoles) {

        private static final TokenDetails NONE = new TokenDetails(null, null, null, null, null, null, Set.of());

        public TokenDetails {
            serviceRoles = normalise(serviceRoles);
        }

        /** Nothing known beyond user, project and roles (no authentication, or trusted headers). */
        public static TokenDetails none() {
            return NONE;
        }

        /** Whether the token is scoped to the system or to a domain rather than to a project. */
        public boolean scopedAboveProject() {
            return systemScope != null || domainId != null;
        }
    }
}
