package org.glance4j.bootstrap.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glance4j.core.settings.PropertyProtectionSettings;

/**
 * Reads a property protection file, the INI dialect of Python's configparser that Glance reads it with: section
 * names are kept exactly as written (they are regular expressions), option names are lower-cased, {@code =} or
 * {@code :} separates name and value, lines starting with {@code #} or {@code ;} are comments, an indented line
 * continues the value above. The core checks the content (missing operations, bad expressions).
 */
public final class PropertyProtectionFileReader {

    private PropertyProtectionFileReader() {}

    /**
     * @throws ConfigException naming the file and line when it cannot be read or a line is malformed, or a
     *                         section appears twice
     */
    public static PropertyProtectionSettings read(Path file, PropertyProtectionSettings.Format format) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read the property protection file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                lastKey = stripped.isEmpty() ? null : lastKey;
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
                current.merge(lastKey, "\n" + stripped, String::concat);
                continue;
            }
            if (stripped.startsWith("[")) {
                if (!stripped.endsWith("]")) {
                    throw malformed(file, i + 1, "a section header must end with ]");
                }
                String name = stripped.substring(1, stripped.length() - 1);
                if (sections.containsKey(name)) {
                    throw malformed(file, i + 1, "the section [" + name + "] appears twice");
                }
                current = new LinkedHashMap<>();
                sections.put(name, current);
                lastKey = null;
                continue;
            }
            if (current == null) {
                throw malformed(file, i + 1, "an option before the first section");
            }
            int eq = stripped.indexOf('=');
            int colon = stripped.indexOf(':');
            int split = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (split <= 0) {
                throw malformed(file, i + 1, "expected 'operation = roles'");
            }
            lastKey = stripped.substring(0, split).strip().toLowerCase(Locale.ROOT);
            current.put(lastKey, stripped.substring(split + 1).strip());
        }
        List<PropertyProtectionSettings.Section> result = new ArrayList<>();
        sections.forEach((name, options) -> result.add(new PropertyProtectionSettings.Section(name, options)));
        return new PropertyProtectionSettings(format, result);
    }

    private static ConfigException malformed(Path file, int line, String why) {
        return new ConfigException("malformed property protection file " + file + ", line " + line + ": " + why);
    }
}
