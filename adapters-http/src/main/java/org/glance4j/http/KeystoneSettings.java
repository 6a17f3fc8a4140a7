package org.glance4j.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how {@link AuthMode#KEYSTONE} validates tokens: the {@code [keystone_authtoken]} options
 * keystonemiddleware's auth_token reads, for the password plugin.
 *
 * @param authUrl                   Keystone's identity endpoint, with or without {@code /v3}
 * @param wwwAuthenticateUri        the URI named in {@code WWW-Authenticate: Keystone uri="..."} of a 401
 * @param username                  the service user glance4j authenticates as
 * @param password                  its password
 * @param userDomainName            the domain of that user
 * @param projectName               the project the service token is scoped to
 * @param projectDomainName         the domain of that project
 * @param regionName                the region (read for completeness; the identity endpoint is {@code authUrl})
 * @param tokenCacheTime            how long a validated token is trusted before Keystone is asked again
 * @param serviceTokenRoles         the roles one of which a service token ({@code X-Service-Token}) must have
 * @param serviceTokenRolesRequired whether a service token without one of those roles is refused (else only logged)
 * @param connectTimeout            the longest wait for Keystone, to connect and then for an answer
 * @param maxRetries                how many times a call that could not connect is tried again
 * @param cacheSize                 the most validated tokens kept in memory
 */
public record KeystoneSettings(
        URI authUrl,
        String wwwAuthenticateUri,
        String username,
        String password,
        String userDomainName,
        String projectName,
        String projectDomainName,
        String regionName,
        Duration tokenCacheTime,
        List<String> serviceTokenRoles,
        boolean serviceTokenRolesRequired,
        Duration connectTimeout,
        int maxRetries,
        int cacheSize) {

    /** The most validated tokens kept in memory unless told otherwise. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    public KeystoneSettings {
        Objects.requireNonNull(authUrl, "authUrl");
        Objects.requireNonNull(wwwAuthenticateUri, "wwwAuthenticateUri");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(userDomainName, "userDomainName");
        Objects.requireNonNull(projectName, "projectName");
        Objects.requireNonNull(projectDomainName, "projectDomainName");
        Objects.requireNonNull(tokenCacheTime, "tokenCacheTime");
        serviceTokenRoles = List.copyOf(serviceTokenRoles);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxRetries < 0 || cacheSize < 1) {
            throw new IllegalArgumentException("maxRetries must be 0 or more and cacheSize at least 1");
        }
    }

    /** Everything but the password, which never reaches a log. */
    @Override
    public String toString() {
        return "KeystoneSettings[authUrl=" + authUrl + ", username=" + username + ", userDomainName=" + userDomainName
                + ", projectName=" + projectName + ", projectDomainName=" + projectDomainName + ", tokenCacheTime="
                + tokenCacheTime + ", serviceTokenRoles=" + serviceTokenRoles + ", password=***]";
    }

    /** The {@code /v3} root of Keystone's identity API. */
    URI identityV3() {
        String base = authUrl.toString().replaceAll("/+$", "");
        return URI.create(base.endsWith("/v3") ? base : base + "/v3");
    }
}
