package org.glance4j.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link KeystoneLimits} reads Glance's unified limits: the {@code [oslo_limit]} options oslo.limit
 * reads, for the password plugin.
 *
 * @param authUrl             Keystone's identity endpoint, with or without {@code /v3}
 * @param username            the user glance4j authenticates as to read limits (or null when {@code userId} is set)
 * @param userId              that user's id (or null when {@code username} is set)
 * @param password            its password
 * @param userDomainName      the domain of {@code username} by name (null when {@code userDomainId} is set)
 * @param userDomainId        the domain of {@code username} by id
 * @param systemScope         {@code all} to ask for a system-scoped token (Keystone then shows every project's
 *                            limits); null for a project-scoped one
 * @param projectName         the project the token is scoped to (ignored with a system scope)
 * @param projectId           that project by id
 * @param projectDomainName   the domain of {@code projectName} by name
 * @param projectDomainId     the domain of {@code projectName} by id
 * @param endpointId          the id of glance4j's endpoint in Keystone's catalog, whose service and region the
 *                            limits belong to; null to look the endpoint up by service type or name
 * @param endpointServiceType the service type to look the endpoint up by ({@code image})
 * @param endpointServiceName the service name to look the endpoint up by
 * @param endpointRegionName  the region of the endpoint looked up
 * @param endpointInterface   the interface of the endpoint looked up ({@code public}, {@code internal}, {@code admin})
 * @param timeout             the longest wait for Keystone, to connect and then for an answer
 * @param connectRetries      how many times a call that could not connect is tried again
 * @param cacheTime           how long limits read from Keystone are used before they are read again
 */
public record KeystoneLimitsSettings(
        URI authUrl,
        String username,
        String userId,
        String password,
        String userDomainName,
        String userDomainId,
        String systemScope,
        String projectName,
        String projectId,
        String projectDomainName,
        String projectDomainId,
        String endpointId,
        String endpointServiceType,
        String endpointServiceName,
        String endpointRegionName,
        String endpointInterface,
        Duration timeout,
        int connectRetries,
        Duration cacheTime) {

    public KeystoneLimitsSettings {
        Objects.requireNonNull(authUrl, "authUrl");
        Objects.requireNonNull(password, "password");
        if (username == null && userId == null) {
            throw new IllegalArgumentException("username or userId is required");
        }
        if (endpointId == null && endpointServiceType == null && endpointServiceName == null) {
            throw new IllegalArgumentException("endpointId, endpointServiceType or endpointServiceName is required");
        }
        Objects.requireNonNull(endpointInterface, "endpointInterface");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cacheTime, "cacheTime");
        if (connectRetries < 0) {
            throw new IllegalArgumentException("connectRetries must be 0 or more");
        }
    }

    /** Everything but the password, which never reaches a log. */
    @Override
    public String toString() {
        return "KeystoneLimitsSettings[authUrl=" + authUrl + ", username=" + username + ", userId=" + userId
                + ", systemScope=" + systemScope + ", projectName=" + projectName + ", projectId=" + projectId
                + ", endpointId=" + endpointId + ", endpointServiceType=" + endpointServiceType
                + ", endpointRegionName=" + endpointRegionName + ", cacheTime=" + cacheTime + ", password=***]";
    }

    /** The {@code /v3} root of Keystone's identity API. */
    URI identityV3() {
        String base = authUrl.toString().replaceAll("/+$", "");
        return URI.create(base.endsWith("/v3") ? base : base + "/v3");
    }
}
