package org.glance4j.http;

/** How the HTTP adapter learns who is calling. */
public enum AuthMode {
    /**
     * No authentication: every request acts as an administrator of the configured project, with the roles
     * {@code admin}, {@code member} and {@code reader} (Glance's unauthenticated pipeline).
     */
    NOAUTH,
    /**
     * The identity comes from the headers keystonemiddleware sets in front of the service
     * ({@code X-Identity-Status: Confirmed}, {@code X-User-Id}, {@code X-Project-Id}, {@code X-Roles}, ...).
     * Only safe behind a proxy that strips and sets those headers.
     */
    TRUSTED_HEADERS,
    /**
     * The server validates {@code X-Auth-Token} (and {@code X-Service-Token}) against Keystone v3 itself, as
     * keystonemiddleware's auth_token does, with the {@link KeystoneSettings} of {@link HttpSettings#keystone()}.
     */
    KEYSTONE
}
