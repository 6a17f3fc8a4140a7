package org.glance4j.core.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An operator's property protections, as Glance's {@code property_protection_file} states them: sections in file
 * order, each a regular expression over custom property names with, per operation ({@code create}, {@code read},
 * {@code update}, {@code delete}), either a comma-separated list of roles ({@link Format#ROLES}) or the name of
 * one policy rule ({@link Format#POLICIES}). The values are kept as written; the core checks them when it starts.
 *
 * @param format   {@code property_protection_rule_format}
 * @param sections the sections in file order; the first whose expression is found in a property name applies
 */
public record PropertyProtectionSettings(Format format, List<Section> sections) {

    /** How the permissions of a section are written. */
    public enum Format {
        ROLES,
        POLICIES
    }

    public PropertyProtectionSettings {
        Objects.requireNonNull(format, "format");
        sections = List.copyOf(sections);
    }

    /**
     * One section of the file.
     *
     * @param pattern    the section name: a regular expression searched for in property names
     * @param operations operation name to the raw value; an operation missing from the section is absent
     */
    public record Section(String pattern, Map<String, String> operations) {
        public Section {
            Objects.requireNonNull(pattern, "pattern");
            operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
        }
    }
}
