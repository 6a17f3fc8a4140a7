package org.glance4j.bootstrap.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the INI dialect of oslo.config, the one {@code glance-api.conf} is written in.
 *
 * <ul>
 *   <li>{@code [section]} starts a section; {@code [DEFAULT]} is the section of ungrouped options;</li>
 *   <li>{@code key = value} and {@code key: value}; whichever of {@code =} and {@code :} comes first splits the
 *       line; blanks around key and value are dropped, and so is one pair of matching quotes around the value;</li>
 *   <li>a line whose first character is {@code #} or {@code ;} is a comment; there are no end-of-line comments
 *       ({@code a = b # c} has the value {@code b # c}, as in oslo.config);</li>
 *   <li>a line that starts with a blank continues the value above it (joined with a newline); a blank line ends
 *       the value.</li>
 * </ul>
 * A UTF-8 byte order mark at the start is skipped. Anything else (an option before the first section, a continuation with nothing to continue, a line without
 * {@code =} or {@code :}, an empty key, an unclosed {@code [}) is an {@link ConfigException} naming the line.
 */
public final class IniParser {

    private IniParser() {}

    /** Reads and parses a file. */
    public static IniFile parse(Path file) {
        FileProblem.asFile(file).ifPresent(problem -> {
            throw new ConfigException("cannot read the configuration file: " + problem
                    + " (--config names a glance-api.conf, such as /etc/glance/glance-api.conf)");
        });
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file: " + FileProblem.describe(file, e), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses text; {@code source} names it in messages. */
    public static IniFile parse(String source, String text) {
        Map<String, Map<String, IniFile.IniValue>> sections = new LinkedHashMap<>();
        Map<String, IniFile.IniValue> current = null;
        String key = null;
        int keyLine = 0;
        List<String> value = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = stripTrailing(lines[i]);
            if (line.isEmpty()) {
                key = flush(current, key, keyLine, value);
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (key == null) {
                    throw syntax(source, lineNumber, "a continuation line with no option above it");
                }
                value.add(line.strip());
                continue;
            }
            key = flush(current, key, keyLine, value);
            char first = line.charAt(0);
            if (first == '#' || first == ';') {
                continue;
            }
            if (first == '[') {
                if (!line.endsWith("]") || line.length() == 2) {
                    throw syntax(source, lineNumber, "a section header must look like [name]");
                }
                String name = IniFile.normaliseSection(
                        line.substring(1, line.length() - 1).strip());
                current = sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
                continue;
            }
            int split = firstSeparator(line);
            if (split < 0) {
                throw syntax(source, lineNumber, "expected 'key = value' or 'key: value'");
            }
            String k = line.substring(0, split).strip();
            if (k.isEmpty()) {
                throw syntax(source, lineNumber, "an option with an empty name");
            }
            if (current == null) {
                throw syntax(source, lineNumber, "option '" + k + "' comes before any [section]");
            }
            key = k;
            keyLine = lineNumber;
            value.add(unquote(line.substring(split + 1).strip()));
        }
        flush(current, key, keyLine, value);
        return new IniFile(source, sections);
    }

    private static String flush(Map<String, IniFile.IniValue> section, String key, int line, List<String> value) {
        if (key != null) {
            section.put(key, new IniFile.IniValue(String.join("\n", value), line));
        }
        value.clear();
        return null;
    }

    private static int firstSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    private static String stripTrailing(String line) {
        return line.stripTrailing();
    }

    private static ConfigException syntax(String source, int line, String problem) {
        return new ConfigException(source + ":" + line + ": " + problem);
    }
}
