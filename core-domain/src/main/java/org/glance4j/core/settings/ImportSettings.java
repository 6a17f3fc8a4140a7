package org.glance4j.core.settings;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of interoperable image import, named after Glance's options.
 *
 * @param enabledMethods      {@code [DEFAULT] enabled_import_methods}: glance-direct, web-download, copy-image
 * @param plugins             {@code [image_import_opts] image_import_plugins}, run in this order on the staged data
 *                            (image_decompression, image_conversion, inject_image_metadata, no_op)
 * @param outputFormat        {@code [image_conversion] output_format}: raw, qcow2 or vmdk
 * @param injectProperties    {@code [inject_metadata_properties] inject}
 * @param injectIgnoreRoles   {@code [inject_metadata_properties] ignore_user_roles}
 * @param filter              {@code [import_filtering_opts]}
 * @param taskPoolThreads     {@code [wsgi] task_pool_threads}: most imports running at once; more wait in line
 * @param taskTimeToLiveHours {@code [task] task_time_to_live}: how long an ended task stays listed
 * @param multiStore          whether stores are configured with {@code enabled_backends} (only then may an import
 *                            name stores or use {@code all_stores_must_succeed=false})
 *
 * <p>Where staged data is kept and which {@code qemu-img} runs are the adapters' business
 * ({@code org.glance4j.core.importing.ImportIo}).
 */
public record ImportSettings(
        List<String> enabledMethods,
        List<String> plugins,
        String outputFormat,
        Map<String, String> injectProperties,
        List<String> injectIgnoreRoles,
        FilterRules filter,
        int taskPoolThreads,
        int taskTimeToLiveHours,
        boolean multiStore) {

    /** The import methods glance4j knows. */
    public static final List<String> KNOWN_METHODS = List.of("glance-direct", "web-download", "copy-image");
    /** The import plugins glance4j knows. */
    public static final List<String> KNOWN_PLUGINS =
            List.of("image_decompression", "image_conversion", "inject_image_metadata", "no_op");

    public ImportSettings {
        enabledMethods = List.copyOf(enabledMethods);
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(outputFormat, "outputFormat");
        injectProperties = Map.copyOf(injectProperties);
        injectIgnoreRoles = List.copyOf(injectIgnoreRoles);
        Objects.requireNonNull(filter, "filter");
        for (String method : enabledMethods) {
            if (!KNOWN_METHODS.contains(method)) {
                throw new IllegalArgumentException("unknown import method '" + method + "'; known: " + KNOWN_METHODS);
            }
        }
        for (String plugin : plugins) {
            if (!KNOWN_PLUGINS.contains(plugin)) {
                throw new IllegalArgumentException("unknown import plugin '" + plugin + "'; known: " + KNOWN_PLUGINS);
            }
        }
        if (taskPoolThreads < 1) {
            throw new IllegalArgumentException("taskPoolThreads must be at least 1");
        }
    }

    /** Glance's defaults. */
    public static ImportSettings defaults() {
        return new ImportSettings(
                KNOWN_METHODS, List.of(), "raw", Map.of(), List.of("admin"), FilterRules.defaults(), 16, 48, false);
    }

    public ImportSettings withPlugins(List<String> names) {
        return new ImportSettings(
                enabledMethods,
                names,
                outputFormat,
                injectProperties,
                injectIgnoreRoles,
                filter,
                taskPoolThreads,
                taskTimeToLiveHours,
                multiStore);
    }

    public ImportSettings withFilter(FilterRules rules) {
        return new ImportSettings(
                enabledMethods,
                plugins,
                outputFormat,
                injectProperties,
                injectIgnoreRoles,
                rules,
                taskPoolThreads,
                taskTimeToLiveHours,
                multiStore);
    }

    public ImportSettings withMethods(List<String> methods) {
        return new ImportSettings(
                methods,
                plugins,
                outputFormat,
                injectProperties,
                injectIgnoreRoles,
                filter,
                taskPoolThreads,
                taskTimeToLiveHours,
                multiStore);
    }

    public ImportSettings withInjection(Map<String, String> properties, List<String> ignoreRoles) {
        return new ImportSettings(
                enabledMethods,
                plugins,
                outputFormat,
                properties,
                ignoreRoles,
                filter,
                taskPoolThreads,
                taskTimeToLiveHours,
                multiStore);
    }

    public ImportSettings withMultiStore(boolean multi) {
        return new ImportSettings(
                enabledMethods,
                plugins,
                outputFormat,
                injectProperties,
                injectIgnoreRoles,
                filter,
                taskPoolThreads,
                taskTimeToLiveHours,
                multi);
    }

    public ImportSettings withTaskPoolThreads(int threads) {
        return new ImportSettings(
                enabledMethods,
                plugins,
                outputFormat,
                injectProperties,
                injectIgnoreRoles,
                filter,
                threads,
                taskTimeToLiveHours,
                multiStore);
    }

    /**
     * Glance's {@code [import_filtering_opts]}: which URIs web-download may fetch. An allow list, when set, wins
     * over the deny list of the same kind. Hosts are compared after normalising IP literals. glance4j adds one
     * rule of its own: a host that resolves to a loopback, link-local, private, unique-local, wildcard or
     * multicast address is refused unless {@code allowedHosts} names it.
     */
    public record FilterRules(
            List<String> allowedSchemes,
            List<String> disallowedSchemes,
            List<String> allowedHosts,
            List<String> disallowedHosts,
            List<Integer> allowedPorts,
            List<Integer> disallowedPorts) {
        public FilterRules {
            allowedSchemes = List.copyOf(allowedSchemes);
            disallowedSchemes = List.copyOf(disallowedSchemes);
            allowedHosts = List.copyOf(allowedHosts);
            disallowedHosts = List.copyOf(disallowedHosts);
            allowedPorts = List.copyOf(allowedPorts);
            disallowedPorts = List.copyOf(disallowedPorts);
        }

        /** Glance's defaults: http and https, any host, ports 80 and 443. */
        public static FilterRules defaults() {
            return new FilterRules(
                    List.of("http", "https"), List.of(), List.of(), List.of(), List.of(80, 443), List.of());
        }
    }
}
