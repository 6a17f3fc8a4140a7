package org.glance4j.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import org.glance4j.ports.error.GlanceException;

/**
 * Glance's decision on inspected bytes, as master's {@code ImageProxy.set_data} takes it on upload:
 * <ol>
 * <li>only images of container format {@code bare} are inspected ({@link #inspects(String)});</li>
 * <li>an ISO that also carries a partition table is an ISO; any other pair of formats is refused;</li>
 * <li>the detected format must be the declared {@code disk_format}, except that bytes nothing recognises pass
 * under a format no inspector knows ({@code ami}, {@code ari}, {@code aki}, {@code ploop}), and anything passes
 * as {@code raw} (a raw disk may hold a partition table; a qcow2 uploaded as raw is stored as the raw bytes it
 * is, with its byte count as virtual size);</li>
 * <li>the safety checks of the detected format apply whatever was declared: a failure is always refused, except
 * the checks named in {@code gpt_safety_checks_nonfatal} on a partitioned disk; a VMDK must also be of an allowed
 * createType.</li>
 * </ol>
 * Points 2 and 3 and an incomplete file are refused only with {@code require_image_format_match}; without it they
 * pass with no virtual size.
 */
public final class FormatPolicy {

    /** The disk formats an inspector exists for (Glance's {@code format_inspector.ALL_FORMATS}). */
    public static final Set<String> INSPECTABLE =
            Set.of("raw", "qcow2", "vhd", "vhdx", "vmdk", "vdi", "qed", "iso", "gpt", "luks");

    static final String SAFETY_FAILED = "Image failed safety checks";
    private static final Logger LOG = Logger.getLogger(FormatPolicy.class.getName());

    private final FormatSettings settings;

    public FormatPolicy(FormatSettings settings) {
        this.settings = settings;
    }

    /** Whether Glance inspects images of this container format: only {@code bare} ones. */
    public boolean inspects(String containerFormat) {
        return "bare".equals(containerFormat);
    }

    /**
     * Refuses what Glance refuses.
     *
     * @throws GlanceException {@code INVALID}, its message naming the problem: {@code "Image failed safety checks:
     *                         ..."}, {@code "Image disk_format qcow2 does not match stream data raw"},
     *                         {@code "Multiple formats detected: ..."}, {@code "Incomplete file cannot be safety
     *                         checked"}
     */
    public void check(InspectionResult result, String declaredDiskFormat) {
        decide(result, declaredDiskFormat, -1);
    }

    /**
     * Checks as {@link #check} does, then gives the {@code virtual_size} the image gets: the detected format's
     * virtual size when it is the declared one, {@code bytes} when other bytes pass as raw, and -1 (none) when
     * the format is not inspectable, not told, or its size is unknown.
     *
     * @param bytes the image's size in bytes
     */
    public long virtualSize(InspectionResult result, String declaredDiskFormat, long bytes) {
        return decide(result, declaredDiskFormat, bytes);
    }

    private long decide(InspectionResult result, String declaredDiskFormat, long bytes) {
        String declared = declaredDiskFormat == null ? "" : declaredDiskFormat;
        List<String> problems = result.problems();
        List<String> formatErrors = new ArrayList<>();
        List<String> safety = new ArrayList<>();
        for (String problem : problems) {
            String check = InspectionResult.checkOf(problem);
            if (check.equals(InspectionResult.MULTIPLE_FORMATS) || check.equals(InspectionResult.INCOMPLETE)) {
                formatErrors.add(InspectionResult.descriptionOf(problem));
            } else {
                safety.add(problem);
            }
        }
        String format = result.format();
        if (problems.stream().map(InspectionResult::checkOf).anyMatch(InspectionResult.MULTIPLE_FORMATS::equals)) {
            return formatError(formatErrors.get(0));
        }
        long virtualSize;
        if (format.equals(declared)) {
            virtualSize = result.virtualSize();
        } else if (format.equals("raw") && !INSPECTABLE.contains(declared)) {
            virtualSize = -1;
        } else if ("raw".equals(declared)) {
            LOG.warning("Image claims disk_format raw but its bytes are " + format);
            virtualSize = bytes > 0 ? bytes : -1;
        } else {
            return formatError("Image disk_format " + declared + " does not match stream data " + format);
        }
        if (!formatErrors.isEmpty()) {
            return formatError(formatErrors.get(0));
        }
        refuseUnsafe(format, result, safety);
        return virtualSize;
    }

    private long formatError(String message) {
        if (settings.requireImageFormatMatch()) {
            throw GlanceException.invalid(message);
        }
        LOG.warning("Image format problem ignored (require_image_format_match is off): " + message);
        return -1;
    }

    private void refuseUnsafe(String format, InspectionResult result, List<String> safety) {
        List<String> fatal = new ArrayList<>();
        for (String problem : safety) {
            boolean nonfatal = format.equals("gpt")
                    && settings.gptSafetyChecksNonfatal().contains(InspectionResult.checkOf(problem));
            if (nonfatal) {
                LOG.warning("Non-fatal gpt safety check failed: " + problem);
            } else {
                fatal.add(InspectionResult.descriptionOf(problem));
            }
        }
        if (format.equals("vmdk") && fatal.isEmpty() && !vmdkTypeAllowed(result.subformat())) {
            fatal.add("VMDK createType " + result.subformat() + " is not among the allowed types "
                    + settings.vmdkAllowedTypes());
        }
        if (!fatal.isEmpty()) {
            throw GlanceException.invalid(SAFETY_FAILED + ": " + String.join("; ", fatal));
        }
    }

    private boolean vmdkTypeAllowed(String createType) {
        if (createType == null) {
            return false;
        }
        String wanted = createType.toLowerCase(Locale.ROOT);
        return settings.vmdkAllowedTypes().stream()
                .anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
