package org.glance4j.bootstrap.api;

import java.util.List;
import java.util.UUID;

/**
 * Who sends a request: the identity headers keystonemiddleware would set after validating a token.
 *
 * @param label a short name for test reports
 * @param userId the user id, or null for an anonymous caller
 * @param projectId the project the token is scoped to, or null for an anonymous caller
 * @param roles the roles of the token, as Keystone sends them (implied roles included)
 */
public record Persona(String label, String userId, String projectId, List<String> roles) {

    /** A caller that sends no identity headers at all. */
    public static Persona anonymous() {
        return new Persona("anonymous", null, null, List.of());
    }

    /** A fresh user of {@code projectId} with the given roles. */
    public static Persona of(String label, String projectId, String... roles) {
        return new Persona(label, UUID.randomUUID().toString().replace("-", ""), projectId, List.of(roles));
    }

    /** True when the persona sends identity headers. */
    public boolean authenticated() {
        return userId != null;
    }

    @Override
    public String toString() {
        return label;
    }
}
