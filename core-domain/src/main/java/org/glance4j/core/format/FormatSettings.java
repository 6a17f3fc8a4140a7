package org.glance4j.core.format;

import java.util.List;
import java.util.Objects;

/**
 * Glance's {@code [image_format]} options that govern format inspection.
 *
 * @param requireImageFormatMatch {@code require_image_format_match}: refuse an image whose bytes are not the
 *                                {@code disk_format} it claims (or whose format cannot be told); a failed safety
 *                                check is refused either way
 * @param vmdkAllowedTypes        {@code vmdk_allowed_types}: the VMDK createTypes accepted (compared ignoring
 *                                case); empty refuses every VMDK. The inspector itself accepts no more than
 *                                {@code monolithicSparse} and {@code streamOptimized}
 * @param gptSafetyChecksNonfatal {@code gpt_safety_checks_nonfatal}: safety checks (such as {@code mbr}) that only
 *                                warn when the image is a partitioned disk
 */
public record FormatSettings(
        boolean requireImageFormatMatch, List<String> vmdkAllowedTypes, List<String> gptSafetyChecksNonfatal) {

    public FormatSettings {
        vmdkAllowedTypes = List.copyOf(Objects.requireNonNull(vmdkAllowedTypes, "vmdkAllowedTypes"));
        gptSafetyChecksNonfatal =
                List.copyOf(Objects.requireNonNull(gptSafetyChecksNonfatal, "gptSafetyChecksNonfatal"));
    }

    /** Glance's defaults: the match is required, VMDK as streamOptimized or monolithicSparse, every GPT check fatal. */
    public static FormatSettings defaults() {
        return new FormatSettings(true, List.of("streamOptimized", "monolithicSparse"), List.of());
    }
}
