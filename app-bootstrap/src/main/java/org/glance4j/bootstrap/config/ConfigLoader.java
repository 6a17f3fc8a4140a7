package org.glance4j.bootstrap.config;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an {@link IniFile} into a {@link GlanceConfig}: reads every option of {@link GlanceOptions#read()}, checks
 * its value, and lists every other option of the file as ignored. A value that does not parse is a
 * {@link ConfigException} naming the section and option; an unknown option never is.
 */
public final class ConfigLoader {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final BigInteger TWO_TO_THE_63 = BigInteger.ONE.shiftLeft(63);

    private final IniFile file;
    private final Set<String> consumed = new HashSet<>();

    private ConfigLoader(IniFile file) {
        this.file = file;
    }

    /** Loads a file; relative SQLite paths are resolved against the working directory. */
    public static LoadedConfig load(IniFile file) {
        return load(file, Path.of("").toAbsolutePath());
    }

    /** Loads a file; relative SQLite paths are resolved against {@code workingDir}. */
    public static LoadedConfig load(IniFile file, Path workingDir) {
        return new ConfigLoader(file).read(workingDir);
    }

    private LoadedConfig read(Path workingDir) {
        GlanceConfig config = new GlanceConfig(
                string(GlanceOptions.BIND_HOST),
                integer(GlanceOptions.BIND_PORT, 0, 65535),
                optional(GlanceOptions.WORKERS).map(v -> parseInt(GlanceOptions.WORKERS, v, 0, Integer.MAX_VALUE)),
                integer(GlanceOptions.LIMIT_PARAM_DEFAULT, 1, Integer.MAX_VALUE),
                integer(GlanceOptions.API_LIMIT_MAX, 1, Integer.MAX_VALUE),
                integer(GlanceOptions.IMAGE_PROPERTY_QUOTA, Integer.MIN_VALUE, Integer.MAX_VALUE),
                integer(GlanceOptions.IMAGE_TAG_QUOTA, Integer.MIN_VALUE, Integer.MAX_VALUE),
                integer(GlanceOptions.IMAGE_MEMBER_QUOTA, Integer.MIN_VALUE, Integer.MAX_VALUE),
                sizeCap(),
                formats(GlanceOptions.DISK_FORMATS),
                formats(GlanceOptions.CONTAINER_FORMATS),
                optional(GlanceOptions.CONNECTION).filter(v -> !v.isBlank()).map(v ->
                        SqlAlchemyUrls.toJdbc(v.strip(), where(GlanceOptions.CONNECTION), workingDir)),
                integer(GlanceOptions.MAX_POOL_SIZE, 1, Integer.MAX_VALUE),
                optional(GlanceOptions.FLAVOR).map(String::strip).filter(v -> !v.isEmpty()));
        return new LoadedConfig(config, ignored());
    }

    private Optional<String> optional(OptionSpec option) {
        consumed.add(key(option.section(), option.name()));
        return file.value(option.section(), option.name()).map(IniFile.IniValue::text);
    }

    private String string(OptionSpec option) {
        return optional(option).map(String::strip).orElse(option.defaultText());
    }

    private int integer(OptionSpec option, int min, int max) {
        return parseInt(option, optional(option).orElse(option.defaultText()), min, max);
    }

    private int parseInt(OptionSpec option, String text, int min, int max) {
        BigInteger value = parseInteger(option, text);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid(option, text, min == Integer.MIN_VALUE ? "it does not fit in a 32-bit integer"
                    : max == Integer.MAX_VALUE ? "it must be at least " + min
                    : "it must be between " + min + " and " + max);
        }
        return value.intValueExact();
    }

    private long sizeCap() {
        OptionSpec option = GlanceOptions.IMAGE_SIZE_CAP;
        String text = optional(option).orElse(option.defaultText());
        BigInteger value = parseInteger(option, text);
        if (value.signum() < 1 || value.compareTo(TWO_TO_THE_63) > 0) {
            throw invalid(option, text, "it must be between 1 and 9223372036854775808");
        }
        return value.equals(TWO_TO_THE_63) ? Long.MAX_VALUE : value.longValueExact();
    }

    private BigInteger parseInteger(OptionSpec option, String text) {
        String stripped = text.strip();
        if (!INTEGER.matcher(stripped).matches()) {
            throw invalid(option, text, "it is not an integer");
        }
        return new BigInteger(stripped);
    }

    /** A list option, read from its own section or else from [DEFAULT], Glance's deprecated place for it. */
    private List<String> formats(OptionSpec option) {
        Optional<String> own = optional(option);
        String deprecatedKey = key(IniFile.DEFAULT_SECTION, option.name());
        Optional<String> deprecated = file.value(IniFile.DEFAULT_SECTION, option.name()).map(IniFile.IniValue::text);
        consumed.add(deprecatedKey);
        String text = own.or(() -> deprecated).orElse(option.defaultText());
        OptionSpec source = own.isEmpty() && deprecated.isPresent()
                ? new OptionSpec(IniFile.DEFAULT_SECTION, option.name(), option.defaultText(), option.support(),
                        option.description())
                : option;
        List<String> values = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        if (values.size() == 1 && values.get(0).isEmpty()) {
            return List.of();
        }
        if (values.stream().anyMatch(String::isEmpty)) {
            throw invalid(source, text, "it has an empty entry; write a comma-separated list like raw,qcow2");
        }
        return values;
    }

    private List<IgnoredOption> ignored() {
        List<IgnoredOption> ignored = new ArrayList<>();
        List<OptionSpec> readable = GlanceOptions.read();
        for (Map.Entry<String, Map<String, IniFile.IniValue>> section : file.sections().entrySet()) {
            for (String name : section.getValue().keySet()) {
                if (consumed.contains(key(section.getKey(), name))) {
                    continue;
                }
                boolean known = GlanceOptions.find(section.getKey(), name).isPresent();
                Optional<String> hint = known ? Optional.empty()
                        : Misspellings.closest(section.getKey(), name, readable).map(OptionSpec::qualifiedName);
                ignored.add(new IgnoredOption(section.getKey(), name, known, hint));
            }
        }
        return ignored;
    }

    private ConfigException invalid(OptionSpec option, String text, String why) {
        return new ConfigException("invalid value for " + where(option) + ": '" + text.strip() + "': " + why);
    }

    private String where(OptionSpec option) {
        String place = option.qualifiedName();
        Optional<IniFile.IniValue> value = file.value(option.section(), option.name());
        return value.map(v -> place + " (" + file.source() + ", line " + v.line() + ")").orElse(place);
    }

    private static String key(String section, String name) {
        return IniFile.normaliseSection(section) + "\u0000" + name;
    }
}
