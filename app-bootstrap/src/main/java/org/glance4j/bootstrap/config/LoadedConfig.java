package org.glance4j.bootstrap.config;

import java.util.List;
import java.util.stream.Collectors;
import org.glance4j.http.ConnectionLimits;

/**
 * A configuration file read into typed values, with the options it sets that glance4j ignores.
 *
 * @param config  the typed values
 * @param ignored the options of the file glance4j does not act on, in file order
 * @param importing the import options
 * @param connections {@code [DEFAULT] client_socket_timeout}, {@code [glance4j] request_header_timeout} and
 *                    {@code [glance4j] max_client_connections}
 * @param keystone    the {@code [keystone_authtoken]} options
 * @param limits      {@code [DEFAULT] use_keystone_limits} and the {@code [oslo_limit]} options
 * @param nodeLease   {@code [glance4j] node_lease_seconds}
 * @param pluginDirs  {@code [glance4j] plugin_dirs}, absolute
 * @param cache       the image cache options ({@code image_cache_dir}, ...)
 * @param operations  the healthcheck, metrics and log options
 */
public record LoadedConfig(
        GlanceConfig config,
        List<IgnoredOption> ignored,
        ImportConfig importing,
        ConnectionLimits connections,
        KeystoneConfig keystone,
        OsloLimitConfig limits,
        java.time.Duration nodeLease,
        List<java.nio.file.Path> pluginDirs,
        CacheConfig cache,
        OperationsConfig operations) {
    public LoadedConfig {
        ignored = List.copyOf(ignored);
        pluginDirs = List.copyOf(pluginDirs);
    }

    /** Without plugin directories, image cache or metrics; the default healthcheck and log options. */
    public LoadedConfig(
            GlanceConfig config,
            List<IgnoredOption> ignored,
            ImportConfig importing,
            ConnectionLimits connections,
            KeystoneConfig keystone,
            OsloLimitConfig limits,
            java.time.Duration nodeLease) {
        this(
                config,
                ignored,
                importing,
                connections,
                keystone,
                limits,
                nodeLease,
                List.of(),
                CacheConfig.off(),
                OperationsConfig.defaults());
    }

    /** A copy with {@code [glance4j] plugin_dirs}. */
    public LoadedConfig withPluginDirs(List<java.nio.file.Path> dirs) {
        return new LoadedConfig(
                config, ignored, importing, connections, keystone, limits, nodeLease, dirs, cache, operations);
    }

    /** With the default node lease of 60 s. */
    public LoadedConfig(
            GlanceConfig config,
            List<IgnoredOption> ignored,
            ImportConfig importing,
            ConnectionLimits connections,
            KeystoneConfig keystone,
            OsloLimitConfig limits) {
        this(config, ignored, importing, connections, keystone, limits, java.time.Duration.ofSeconds(60));
    }

    /** The one start-up line that lists every ignored option, or an empty string when there is none. */
    public String ignoredReport() {
        if (ignored.isEmpty()) {
            return "";
        }
        return "configuration options ignored by glance4j (" + ignored.size() + "): "
                + ignored.stream().map(IgnoredOption::describe).collect(Collectors.joining(", "));
    }
}
