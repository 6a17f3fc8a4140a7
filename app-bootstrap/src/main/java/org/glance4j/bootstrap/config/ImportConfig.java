package org.glance4j.bootstrap.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import options of {@code glance-api.conf}, as read and checked. The staging directory stays empty when the
 * file does not set it (the wiring then puts it in the data directory).
 *
 * @param enabledMethods    {@code [DEFAULT] enabled_import_methods}
 * @param stagingDir        {@code [os_glance_staging_store] filesystem_store_datadir}, else the path of
 *                          {@code [DEFAULT] node_staging_uri}; absolute
 * @param plugins           {@code [image_import_opts] image_import_plugins}
 * @param outputFormat      {@code [image_conversion] output_format}
 * @param inject            {@code [inject_metadata_properties] inject}
 * @param ignoreUserRoles   {@code [inject_metadata_properties] ignore_user_roles}
 * @param allowedSchemes    {@code [import_filtering_opts] allowed_schemes}
 * @param disallowedSchemes {@code [import_filtering_opts] disallowed_schemes}
 * @param allowedHosts      {@code [import_filtering_opts] allowed_hosts}
 * @param disallowedHosts   {@code [import_filtering_opts] disallowed_hosts}
 * @param allowedPorts      {@code [import_filtering_opts] allowed_ports}
 * @param disallowedPorts   {@code [import_filtering_opts] disallowed_ports}
 * @param taskPoolThreads   {@code [wsgi] task_pool_threads}
 * @param taskTimeToLive    {@code [task] task_time_to_live}, in hours
 */
public record ImportConfig(
        List<String> enabledMethods,
        Optional<Path> stagingDir,
        List<String> plugins,
        String outputFormat,
        Map<String, String> inject,
        List<String> ignoreUserRoles,
        List<String> allowedSchemes,
        List<String> disallowedSchemes,
        List<String> allowedHosts,
        List<String> disallowedHosts,
        List<Integer> allowedPorts,
        List<Integer> disallowedPorts,
        int taskPoolThreads,
        int taskTimeToLive) {

    public ImportConfig {
        enabledMethods = List.copyOf(enabledMethods);
        plugins = List.copyOf(plugins);
        inject = Map.copyOf(inject);
        ignoreUserRoles = List.copyOf(ignoreUserRoles);
        allowedSchemes = List.copyOf(allowedSchemes);
        disallowedSchemes = List.copyOf(disallowedSchemes);
        allowedHosts = List.copyOf(allowedHosts);
        disallowedHosts = List.copyOf(disallowedHosts);
        allowedPorts = List.copyOf(allowedPorts);
        disallowedPorts = List.copyOf(disallowedPorts);
    }

    /** The import options of an empty file. */
    public static ImportConfig defaults() {
        return ConfigLoader.load(IniFile.empty()).importing();
    }
}
