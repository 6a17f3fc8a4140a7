package org.glance4j.ports.out.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.glance4j.ports.error.GlanceException;

/**
 * The section of one store, read against its factory's {@link StoreOptions declaration}. Each getter takes a
 * declared {@link StoreOption}, trims the value, falls back on the declared default when the option is absent or
 * blank, and refuses a missing required value or a value that does not parse with an {@code INVALID}
 * {@link GlanceException} whose message names the store and the option ({@code Store 'x': option y ...}) and never
 * the value of a secret option. Reading an option the declaration does not hold is a programming error
 * ({@link IllegalArgumentException}), unless the store is {@link StoreOptions#undeclared() undeclared}.
 */
public final class StoreSection {
    private static final long MIB = 1024L * 1024L;

    private final String storeId;
    private final StoreOptions declaration;
    private final Map<String, String> values;

    StoreSection(String storeId, StoreOptions declaration, Map<String, String> values) {
        this.storeId = Objects.requireNonNull(storeId, "storeId");
        this.declaration = Objects.requireNonNull(declaration, "declaration");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The id of the store this section configures. */
    public String storeId() {
        return storeId;
    }

    /** Whether the section sets {@code option} to a value that is not blank. */
    public boolean isSet(StoreOption option) {
        String raw = values.get(declared(option).name());
        return raw != null && !raw.isBlank();
    }

    /** The trimmed value, else the declared default (null when there is none); refuses a missing required one. */
    public String text(StoreOption option) {
        declared(option);
        String raw = values.get(option.name());
        if (raw != null && !raw.isBlank()) {
            return raw.strip();
        }
        if (option.required()) {
            throw invalid(option, "is required");
        }
        return option.defaultValue() == null ? null : option.defaultValue().strip();
    }

    /** An oslo.config boolean ({@code true/false/yes/no/on/off/1/0}, any case); absent without default: false. */
    public boolean bool(StoreOption option) {
        String value = text(option);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(option, "must be true or false, got " + shown(option, value));
        };
    }

    /** A whole number within {@code [min, max]}. */
    public int integer(StoreOption option, int min, int max) {
        return (int) longInteger(option, min, max);
    }

    /** A whole number within {@code [min, max]}. */
    public long longInteger(StoreOption option, long min, long max) {
        String value = mandatory(option);
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(option, "must be a whole number from " + min + " to " + max + ", got " + shown(option, value));
    }

    /**
     * A whole number of MiB within {@code [minMib, maxMib]} (Glance's unit for object sizes), in bytes;
     * {@code Long.MAX_VALUE} as {@code maxMib} means no upper bound.
     */
    public long mebibytes(StoreOption option, long minMib, long maxMib) {
        String value = mandatory(option);
        long limit = Math.min(maxMib, Long.MAX_VALUE / MIB);
        long mib;
        try {
            mib = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(option, "must be a whole number of MiB, got " + shown(option, value));
        }
        if (mib >= minMib && mib <= limit) {
            return mib * MIB;
        }
        throw invalid(
                option,
                (maxMib >= Long.MAX_VALUE / MIB
                                ? "must be at least " + minMib
                                : "must be from " + minMib + " to " + maxMib)
                        + " (MiB), got " + shown(option, value));
    }

    /** One of {@code allowed} (compared ignoring case), returned in lower case. */
    public String choice(StoreOption option, String... allowed) {
        String value = mandatory(option);
        String lower = value.toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.toLowerCase(Locale.ROOT).equals(lower)) {
                return lower;
            }
        }
        throw invalid(option, "must be one of " + String.join(", ", allowed) + ", got " + shown(option, value));
    }

    /**
     * A URL with a host; a value without {@code http://} or {@code https://} gets {@code defaultScheme} (Glance's
     * reading of host-only values).
     */
    public URI url(StoreOption option, String defaultScheme) {
        String value = mandatory(option);
        String text =
                value.startsWith("http://") || value.startsWith("https://") ? value : defaultScheme + "://" + value;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(option, "is not a valid URL: " + shown(option, value));
        }
        if (uri.getHost() == null) {
            throw invalid(option, "has no host name: " + shown(option, value));
        }
        return uri;
    }

    /** A path, made absolute against the working directory; null when absent without default. */
    public Path path(StoreOption option) {
        String value = text(option);
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(option, "is not a valid path: " + shown(option, value));
        }
    }

    /** An {@code INVALID} error naming the store and the option: {@code Store 'x': option y <problem>}. */
    public GlanceException invalid(StoreOption option, String problem) {
        return GlanceException.invalid("Store '" + storeId + "': option " + option.name() + " " + problem);
    }

    /** The options the section sets that the declaration does not hold, with the closest declared name. */
    public List<UnknownStoreOption> unknown() {
        List<UnknownStoreOption> unknown = new ArrayList<>();
        if (!declaration.declared()) {
            return unknown;
        }
        for (String name : values.keySet()) {
            if (declaration.find(name).isEmpty()) {
                unknown.add(new UnknownStoreOption(storeId, name, declaration.closest(name)));
            }
        }
        return unknown;
    }

    /** The declared options that the section sets although the store does not honour them. */
    public List<StoreOption> notHonoured() {
        List<StoreOption> set = new ArrayList<>();
        for (StoreOption option : declaration.list()) {
            if (!option.honoured() && values.containsKey(option.name())) {
                set.add(option);
            }
        }
        return set;
    }

    /** The required options that the section does not set (or sets blank). */
    public List<StoreOption> missingRequired() {
        List<StoreOption> missing = new ArrayList<>();
        for (StoreOption option : declaration.list()) {
            if (option.required() && !isSet(option)) {
                missing.add(option);
            }
        }
        return missing;
    }

    /**
     * One line per problem worth a warning at start-up, each naming the store: unknown options (with "did you
     * mean") and options set but not honoured. Secrets are never part of them.
     */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        unknown().forEach(u -> lines.add(u.message()));
        notHonoured()
                .forEach(o -> lines.add("Store '" + storeId + "': option " + o.name()
                        + " is not supported by glance4j and is ignored"));
        return lines;
    }

    /** The section as written, secrets included: for the factory, never for logs. */
    public Map<String, String> raw() {
        return values;
    }

    /** The section with secret values hidden. */
    @Override
    public String toString() {
        return "Store '" + storeId + "' " + declaration.redacted(values);
    }

    private String mandatory(StoreOption option) {
        String value = text(option);
        if (value == null) {
            throw invalid(option, "is required");
        }
        return value;
    }

    private String shown(StoreOption option, String value) {
        return option.secret() || declaration.isSecret(option.name()) ? "(a secret value, not shown)" : value;
    }

    private StoreOption declared(StoreOption option) {
        Objects.requireNonNull(option, "option");
        if (declaration.declared() && !declaration.list().contains(option)) {
            throw new IllegalArgumentException(
                    "option " + option.name() + " is not declared by store '" + storeId + "'");
        }
        return option;
    }
}
