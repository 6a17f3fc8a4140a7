package org.glance4j.http;

import java.time.Instant;
import java.util.Set;

/**
 * What Keystone said of a valid token.
 *
 * @param userId          the user
 * @param userDomainId    the user's domain
 * @param projectId       the project of a project-scoped token, else {@code null}
 * @param projectDomainId that project's domain
 * @param domainId        the domain of a domain-scoped token, else {@code null}
 * @param systemScope     {@code all} for a system-scoped token, else {@code null}
 * @param roles           the role names (as Keystone spells them)
 * @param expiresAt       when the token stops being valid
 */
record KeystoneToken(
        String userId,
        String userDomainId,
        String projectId,
        String projectDomainId,
        String domainId,
        String systemScope,
        Set<String> roles,
        Instant expiresAt) {
    KeystoneToken {
        roles = Set.copyOf(roles);
    }
}
