package org.glance4j.core.settings;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of the core, named after Glance's configuration options: the accepted disk and container formats
 * ({@code [image_format]}), the list page sizes ({@code limit_param_default}, {@code api_limit_max}), the
 * quotas ({@code image_property_quota}, {@code image_tag_quota}; a negative quota means unlimited, as in Glance)
 * policy overrides (rule name to oslo.policy check string, replacing the default rule of that name), the
 * members quota ({@code image_member_quota}), the property protections ({@code property_protection_file};
 * {@code null} when there are none) and the most filters one list call may carry ({@code max_list_filters}, a
 * glance4j option: Glance has no such bound).
 */
public record CoreSettings(
        List<String> diskFormats,
        List<String> containerFormats,
        int limitParamDefault,
        int apiLimitMax,
        int imagePropertyQuota,
        int imageTagQuota,
        Map<String, String> policyOverrides,
        int imageMemberQuota,
        PropertyProtectionSettings propertyProtections,
        int maxListFilters) {

    /** Glance's default number of members per image ({@code image_member_quota}). */
    public static final int DEFAULT_IMAGE_MEMBER_QUOTA = 128;

    /**
     * The default most filters of one list call ({@code max_list_filters}): room for a filter on every property
     * and every tag an image may have under Glance's default quotas (128 each).
     */
    public static final int DEFAULT_MAX_LIST_FILTERS = 256;

    public CoreSettings {
        diskFormats = List.copyOf(Objects.requireNonNull(diskFormats, "diskFormats"));
        containerFormats = List.copyOf(Objects.requireNonNull(containerFormats, "containerFormats"));
        policyOverrides = policyOverrides == null ? Map.of() : Map.copyOf(policyOverrides);
        if (limitParamDefault < 1) {
            throw new IllegalArgumentException("limitParamDefault must be at least 1");
        }
        if (apiLimitMax < 1) {
            throw new IllegalArgumentException("apiLimitMax must be at least 1");
        }
        if (maxListFilters < 1) {
            throw new IllegalArgumentException("maxListFilters must be at least 1");
        }
    }

    /** Settings with the default bound on list filters. */
    public CoreSettings(
            List<String> diskFormats,
            List<String> containerFormats,
            int limitParamDefault,
            int apiLimitMax,
            int imagePropertyQuota,
            int imageTagQuota,
            Map<String, String> policyOverrides,
            int imageMemberQuota,
            PropertyProtectionSettings propertyProtections) {
        this(
                diskFormats,
                containerFormats,
                limitParamDefault,
                apiLimitMax,
                imagePropertyQuota,
                imageTagQuota,
                policyOverrides,
                imageMemberQuota,
                propertyProtections,
                DEFAULT_MAX_LIST_FILTERS);
    }

    /** Settings with Glance's member quota and no property protections. */
    public CoreSettings(
            List<String> diskFormats,
            List<String> containerFormats,
            int limitParamDefault,
            int apiLimitMax,
            int imagePropertyQuota,
            int imageTagQuota,
            Map<String, String> policyOverrides) {
        this(
                diskFormats,
                containerFormats,
                limitParamDefault,
                apiLimitMax,
                imagePropertyQuota,
                imageTagQuota,
                policyOverrides,
                DEFAULT_IMAGE_MEMBER_QUOTA,
                null);
    }

    /** Glance's defaults. */
    public static CoreSettings defaults() {
        return new CoreSettings(
                List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"),
                List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"),
                25,
                1000,
                128,
                128,
                Map.of());
    }

    /** A copy with other policy overrides. */
    public CoreSettings withPolicyOverrides(Map<String, String> overrides) {
        return new CoreSettings(
                diskFormats,
                containerFormats,
                limitParamDefault,
                apiLimitMax,
                imagePropertyQuota,
                imageTagQuota,
                overrides,
                imageMemberQuota,
                propertyProtections,
                maxListFilters);
    }

    /** A copy with other quotas. */
    public CoreSettings withQuotas(int propertyQuota, int tagQuota) {
        return new CoreSettings(
                diskFormats,
                containerFormats,
                limitParamDefault,
                apiLimitMax,
                propertyQuota,
                tagQuota,
                policyOverrides,
                imageMemberQuota,
                propertyProtections,
                maxListFilters);
    }

    /** A copy with other list page sizes. */
    public CoreSettings withLimits(int defaultLimit, int maxLimit) {
        return new CoreSettings(
                diskFormats,
                containerFormats,
                defaultLimit,
                maxLimit,
                imagePropertyQuota,
                imageTagQuota,
                policyOverrides,
                imageMemberQuota,
                propertyProtections,
                maxListFilters);
    }

    /** A copy with another member quota (negative: unlimited). */
    public CoreSettings withImageMemberQuota(int quota) {
        return new CoreSettings(
                diskFormats,
                containerFormats,
                limitParamDefault,
                apiLimitMax,
                imagePropertyQuota,
                imageTagQuota,
                policyOverrides,
                quota,
                propertyProtections,
                maxListFilters);
    }

    /** A copy with property protections ({@code null}: none). */
    public CoreSettings withPropertyProtections(PropertyProtectionSettings protections) {
        return new CoreSettings(
                diskFormats,
                containerFormats,
                limitParamDefault,
                apiLimitMax,
                imagePropertyQuota,
                imageTagQuota,
                policyOverrides,
                imageMemberQuota,
                protections,
                maxListFilters);
    }

    /** A copy with another bound on the filters of one list call (at least 1). */
    public CoreSettings withMaxListFilters(int max) {
        return new CoreSettings(
                diskFormats,
                containerFormats,
                limitParamDefault,
                apiLimitMax,
                imagePropertyQuota,
                imageTagQuota,
                policyOverrides,
                imageMemberQuota,
                propertyProtections,
                max);
    }
}
