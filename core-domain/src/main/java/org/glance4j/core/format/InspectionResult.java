package org.glance4j.core.format;

import java.util.List;
import java.util.Objects;

/**
 * What format inspection found in an image's bytes.
 *
 * @param format      Glance's {@code disk_format} name of what the bytes are: {@code raw} (nothing recognised),
 *                    {@code qcow2}, {@code vmdk}, {@code vhd}, {@code vhdx}, {@code vdi}, {@code iso},
 *                    {@code gpt} (a disk with an MBR or a GPT), {@code luks}, {@code qed}; when several formats
 *                    match at once, their names joined by commas (and {@link #MULTIPLE_FORMATS} among the
 *                    problems)
 * @param virtualSize the virtual size in bytes that the format records (for raw and gpt: the bytes seen), or -1
 *                    when unknown or zero
 * @param problems    why the image is unsafe, one {@code "check: description"} line per failed check, the check
 *                    being Glance's safety check name ({@code backing_file}, {@code data_file},
 *                    {@code unknown_features}, {@code descriptor}, {@code footer}, {@code mbr}, {@code version},
 *                    {@code banned}) or {@link #INCOMPLETE} or {@link #MULTIPLE_FORMATS}; empty when safe
 * @param subformat   the variant within the format as the image writes it (the VMDK createType, such as
 *                    {@code monolithicSparse}), or null
 */
public record InspectionResult(String format, long virtualSize, List<String> problems, String subformat) {

    /** The check name of "the file ended before its format could be checked". */
    public static final String INCOMPLETE = "incomplete";
    /** The check name of "the bytes are two formats at once" (other than an ISO with a partition table). */
    public static final String MULTIPLE_FORMATS = "multiple_formats";

    public InspectionResult {
        Objects.requireNonNull(format, "format");
        problems = List.copyOf(problems);
    }

    /** A result without subformat. */
    public InspectionResult(String format, long virtualSize, List<String> problems) {
        this(format, virtualSize, problems, null);
    }

    /** Whether no check failed. */
    public boolean safe() {
        return problems.isEmpty();
    }

    /** The check names of the problems, in order. */
    public List<String> failedChecks() {
        return problems.stream().map(InspectionResult::checkOf).toList();
    }

    static String checkOf(String problem) {
        int colon = problem.indexOf(": ");
        return colon < 0 ? problem : problem.substring(0, colon);
    }

    static String descriptionOf(String problem) {
        int colon = problem.indexOf(": ");
        return colon < 0 ? problem : problem.substring(colon + 2);
    }
}
