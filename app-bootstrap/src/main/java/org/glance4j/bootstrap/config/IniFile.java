package org.glance4j.bootstrap.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The content of an oslo.config INI file: sections of options, in the order they appear. Section names are
 * normalised the way oslo.config does it: {@code DEFAULT} stays as it is, every other name is lower-cased. When an
 * option is set twice in one section, the last value wins.
 */
public final class IniFile {

    /** The name of the section that holds options without a group. */
    public static final String DEFAULT_SECTION = "DEFAULT";

    private final String source;
    private final Map<String, Map<String, IniValue>> sections;

    IniFile(String source, Map<String, Map<String, IniValue>> sections) {
        this.source = source;
        Map<String, Map<String, IniValue>> copy = new LinkedHashMap<>();
        sections.forEach((name, options) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(options))));
        this.sections = Collections.unmodifiableMap(copy);
    }

    /** An empty file, as if no configuration file was given. */
    public static IniFile empty() {
        return new IniFile("(no configuration file)", Map.of());
    }

    /** Where the text came from (a path), for messages. */
    public String source() {
        return source;
    }

    /** Every section with its options, in file order. */
    public Map<String, Map<String, IniValue>> sections() {
        return sections;
    }

    /** The value of one option, if the file sets it. */
    public Optional<IniValue> value(String section, String option) {
        Map<String, IniValue> options = sections.get(normaliseSection(section));
        return options == null ? Optional.empty() : Optional.ofNullable(options.get(option));
    }

    /** oslo.config's normalisation of a section (group) name. */
    static String normaliseSection(String name) {
        return DEFAULT_SECTION.equals(name) ? name : name.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * One option's raw text and the line it started on.
     *
     * @param text the value with surrounding blanks and one pair of matching quotes removed; continuation lines
     *             are joined with {@code \n}
     * @param line the 1-based line number of the {@code key = value} line
     */
    public record IniValue(String text, int line) {}
}
