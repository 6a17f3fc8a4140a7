package org.glance4j.bootstrap.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.glance4j.http.KeystoneLimitsSettings;

/**
 * {@code [DEFAULT] use_keystone_limits} and the {@code [oslo_limit]} options as the file sets them, checked for
 * form. Whether they are complete is only asked when unified limits are on ({@link #toSettings()}).
 *
 * @param enabled     {@code use_keystone_limits}
 * @param authUrl     {@code auth_url}, if set
 * @param username    {@code username}, if set
 * @param userId      {@code user_id}, if set
 * @param password    {@code password}, if set
 * @param userDomainName {@code user_domain_name}
 * @param userDomainId   {@code user_domain_id}, if set
 * @param systemScope    {@code system_scope}, if set
 * @param projectName    {@code project_name}, if set
 * @param projectId      {@code project_id}, if set
 * @param projectDomainName {@code project_domain_name}
 * @param projectDomainId   {@code project_domain_id}, if set
 * @param endpointId          {@code endpoint_id}, if set
 * @param endpointServiceType {@code endpoint_service_type}, if set
 * @param endpointServiceName {@code endpoint_service_name}, if set
 * @param endpointRegionName  {@code endpoint_region_name}, if set
 * @param endpointInterface   {@code endpoint_interface}
 * @param timeout        {@code timeout}
 * @param connectRetries {@code connect_retries}
 */
public record OsloLimitConfig(
        boolean enabled,
        Optional<URI> authUrl,
        Optional<String> username,
        Optional<String> userId,
        Optional<String> password,
        String userDomainName,
        Optional<String> userDomainId,
        Optional<String> systemScope,
        Optional<String> projectName,
        Optional<String> projectId,
        String projectDomainName,
        Optional<String> projectDomainId,
        Optional<String> endpointId,
        Optional<String> endpointServiceType,
        Optional<String> endpointServiceName,
        Optional<String> endpointRegionName,
        String endpointInterface,
        Duration timeout,
        int connectRetries) {

    /** How long limits read from Keystone are used before they are read again. */
    public static final Duration CACHE_TIME = Duration.ofSeconds(10);

    /**
     * The settings of the HTTP adapter's Keystone limits reader, or empty when unified limits are off.
     *
     * @throws ConfigException naming the first required option that is missing
     */
    public Optional<KeystoneLimitsSettings> toSettings() {
        if (!enabled) {
            return Optional.empty();
        }
        URI url = authUrl.orElseThrow(() -> missing(GlanceOptions.OL_AUTH_URL));
        if (username.isEmpty() && userId.isEmpty()) {
            throw missing(GlanceOptions.OL_USERNAME);
        }
        String secret = password.orElseThrow(() -> missing(GlanceOptions.OL_PASSWORD));
        if (endpointId.isEmpty() && endpointServiceType.isEmpty() && endpointServiceName.isEmpty()) {
            throw missing(GlanceOptions.OL_ENDPOINT_ID);
        }
        return Optional.of(new KeystoneLimitsSettings(
                url,
                username.orElse(null),
                userId.orElse(null),
                secret,
                userDomainName,
                userDomainId.orElse(null),
                systemScope.orElse(null),
                projectName.orElse(null),
                projectId.orElse(null),
                projectDomainName,
                projectDomainId.orElse(null),
                endpointId.orElse(null),
                endpointServiceType.orElse(null),
                endpointServiceName.orElse(null),
                endpointRegionName.orElse(null),
                endpointInterface,
                timeout,
                connectRetries,
                CACHE_TIME));
    }

    private static ConfigException missing(OptionSpec option) {
        return new ConfigException(option.qualifiedName() + " is required with [DEFAULT] use_keystone_limits = True");
    }
}
