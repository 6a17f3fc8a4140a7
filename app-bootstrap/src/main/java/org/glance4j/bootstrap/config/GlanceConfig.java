package org.glance4j.bootstrap.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.core.settings.PropertyProtectionSettings;

/**
 * The typed content of {@code glance-api.conf}, for the options glance4j reads. Values not set in the file hold
 * the defaults of {@link GlanceOptions}. Command-line flags are applied later, by the wiring.
 *
 * @param bindHost           {@code [DEFAULT] bind_host}
 * @param bindPort           {@code [DEFAULT] bind_port}
 * @param workers            {@code [DEFAULT] workers}, empty when not set; checked but without effect
 * @param limitParamDefault  {@code [DEFAULT] limit_param_default}
 * @param apiLimitMax        {@code [DEFAULT] api_limit_max}
 * @param imagePropertyQuota {@code [DEFAULT] image_property_quota}
 * @param imageTagQuota      {@code [DEFAULT] image_tag_quota}
 * @param imageMemberQuota   {@code [DEFAULT] image_member_quota}
 * @param imageSizeCap       {@code [DEFAULT] image_size_cap}
 * @param hashingAlgorithm   {@code [DEFAULT] hashing_algorithm}, a lower-case hashlib name the JDK computes
 * @param diskFormats        {@code [image_format] disk_formats}
 * @param containerFormats   {@code [image_format] container_formats}
 * @param database           {@code [database] connection}, empty for the embedded SQLite file in the data dir
 * @param maxPoolSize        {@code [database] max_pool_size}
 * @param pasteFlavor        {@code [paste_deploy] flavor}, empty when not set
 * @param stores             the image stores, from {@code [DEFAULT] enabled_backends} and their sections, or the
 *                           one file store of {@code [glance_store]}; never empty
 * @param defaultStore       the id of the store that receives uploads ({@code [glance_store] default_backend}, or
 *                           {@code file} in the single-store form)
 * @param showImageDirectUrl {@code [DEFAULT] show_image_direct_url}
 * @param showMultipleLocations {@code [DEFAULT] show_multiple_locations}
 * @param formats            {@code [image_format] require_image_format_match}, {@code vmdk_allowed_types} and
 *                           {@code gpt_safety_checks_nonfatal}
 * @param maxListFilters     {@code [DEFAULT] max_list_filters} (glance4j only)
 * @param statementTimeout   {@code [database] statement_timeout} (glance4j only), zero for none
 */
public record GlanceConfig(
        String bindHost,
        int bindPort,
        Optional<Integer> workers,
        int limitParamDefault,
        int apiLimitMax,
        int imagePropertyQuota,
        int imageTagQuota,
        int imageMemberQuota,
        long imageSizeCap,
        String hashingAlgorithm,
        List<String> diskFormats,
        List<String> containerFormats,
        Optional<DatabaseTarget> database,
        int maxPoolSize,
        Optional<String> pasteFlavor,
        List<StoreConfig> stores,
        String defaultStore,
        boolean showImageDirectUrl,
        boolean showMultipleLocations,
        PolicyConfig policy,
        FormatSettings formats,
        int maxListFilters,
        java.time.Duration statementTimeout) {

    /**
     * Where the operator's policy and property protections come from, as written (paths not yet resolved).
     *
     * @param policyFile             {@code [oslo_policy] policy_file} when the file names one
     * @param propertyProtectionFile {@code [DEFAULT] property_protection_file}, if set
     * @param ruleFormat             {@code [DEFAULT] property_protection_rule_format}
     */
    public record PolicyConfig(
            Optional<String> policyFile,
            Optional<String> propertyProtectionFile,
            PropertyProtectionSettings.Format ruleFormat) {
        public PolicyConfig {
            Objects.requireNonNull(policyFile, "policyFile");
            Objects.requireNonNull(propertyProtectionFile, "propertyProtectionFile");
            Objects.requireNonNull(ruleFormat, "ruleFormat");
        }
    }

    /** Whether stores are configured the multi-store way ({@code enabled_backends}). */
    public boolean multipleStores() {
        return stores.stream().noneMatch(StoreConfig::singleStoreForm);
    }

    public GlanceConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(workers, "workers");
        diskFormats = List.copyOf(diskFormats);
        containerFormats = List.copyOf(containerFormats);
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(pasteFlavor, "pasteFlavor");
        Objects.requireNonNull(hashingAlgorithm, "hashingAlgorithm");
        stores = List.copyOf(stores);
        Objects.requireNonNull(defaultStore, "defaultStore");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(formats, "formats");
        String wanted = defaultStore;
        if (stores.stream().noneMatch(s -> s.id().equals(wanted))) {
            throw new IllegalArgumentException("the default store " + defaultStore + " is not among the stores");
        }
    }

    /** The configuration of an empty file. */
    public static GlanceConfig defaults() {
        return ConfigLoader.load(IniFile.empty()).config();
    }
}
