package org.glance4j.bootstrap.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.glance4j.http.KeystoneSettings;

/**
 * The {@code [keystone_authtoken]} options as the file sets them, checked for form. Whether they are complete is
 * only asked when the server validates tokens itself ({@link #toSettings()}).
 *
 * @param wwwAuthenticateUri        {@code www_authenticate_uri}, if set
 * @param authUrl                   {@code auth_url}, if set
 * @param username                  {@code username}, if set
 * @param password                  {@code password}, if set
 * @param projectName               {@code project_name}
 * @param userDomainName            {@code user_domain_name}
 * @param projectDomainName         {@code project_domain_name}
 * @param regionName                {@code region_name}, if set
 * @param tokenCacheTime            {@code token_cache_time} (zero for no caching)
 * @param serviceTokenRoles         {@code service_token_roles}
 * @param serviceTokenRolesRequired {@code service_token_roles_required}
 * @param connectTimeout            {@code http_connect_timeout}
 * @param maxRetries                {@code http_request_max_retries}
 * @param memcacheServers           {@code memcache_servers}, if set (ignored)
 */
public record KeystoneConfig(
        Optional<String> wwwAuthenticateUri,
        Optional<URI> authUrl,
        Optional<String> username,
        Optional<String> password,
        String projectName,
        String userDomainName,
        String projectDomainName,
        Optional<String> regionName,
        Duration tokenCacheTime,
        List<String> serviceTokenRoles,
        boolean serviceTokenRolesRequired,
        Duration connectTimeout,
        int maxRetries,
        Optional<String> memcacheServers) {

    public KeystoneConfig {
        serviceTokenRoles = List.copyOf(serviceTokenRoles);
    }

    /**
     * The settings of the HTTP adapter's Keystone identity.
     *
     * @throws ConfigException naming the first required option that is missing
     */
    public KeystoneSettings toSettings() {
        URI url = authUrl.orElseThrow(() -> missing(GlanceOptions.KS_AUTH_URL));
        String user = username.orElseThrow(() -> missing(GlanceOptions.KS_USERNAME));
        String secret = password.orElseThrow(() -> missing(GlanceOptions.KS_PASSWORD));
        return new KeystoneSettings(
                url,
                wwwAuthenticateUri.orElse(url.toString()),
                user,
                secret,
                userDomainName,
                projectName,
                projectDomainName,
                regionName.orElse(null),
                tokenCacheTime,
                serviceTokenRoles,
                serviceTokenRolesRequired,
                connectTimeout,
                maxRetries,
                KeystoneSettings.DEFAULT_CACHE_SIZE);
    }

    private static ConfigException missing(OptionSpec option) {
        return new ConfigException(option.qualifiedName() + " is required to validate Keystone tokens (--auth "
                + "keystone or a keystone [paste_deploy] flavor)");
    }
}
