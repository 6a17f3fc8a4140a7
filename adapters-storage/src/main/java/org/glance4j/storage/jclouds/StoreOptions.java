package org.glance4j.storage.jclouds;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.glance4j.ports.error.GlanceException;

/**
 * Reads the options of one store section as Glance spells and types them, and refuses bad values with an
 * {@code INVALID} error that names the store, the option and the problem (never the value of a secret option).
 */
public final class StoreOptions {
    private static final long MIB = 1024L * 1024L;
    private static final System.Logger LOG = System.getLogger(StoreOptions.class.getName());

    private final String storeId;
    private final Map<String, String> options;

    public StoreOptions(String storeId, Map<String, String> options) {
        this.storeId = storeId;
        this.options = options;
    }

    /** The trimmed value, or null when the option is absent or blank. */
    public String optional(String option) {
        String raw = options.get(option);
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /** The trimmed value, or {@code fallback} when the option is absent or blank. */
    public String optional(String option, String fallback) {
        String value = optional(option);
        return value == null ? fallback : value;
    }

    /** The trimmed value; refuses a missing or blank one. */
    public String required(String option) {
        String value = optional(option);
        if (value == null) {
            throw invalid(option, "is required");
        }
        return value;
    }

    /** An oslo.config boolean ({@code true/false/yes/no/on/off/1/0}). */
    public boolean bool(String option, boolean fallback) {
        String value = optional(option);
        if (value == null) {
            return fallback;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on":
                return true;
            case "false", "0", "no", "off":
                return false;
            default:
                throw invalid(option, "must be true or false, got " + value);
        }
    }

    /** A whole number of MiB (Glance's unit for large-object sizes), returned in bytes. */
    public long mebibytes(String option, long fallbackMib, long minMib) {
        String value = optional(option);
        long mib;
        if (value == null) {
            mib = fallbackMib;
        } else {
            try {
                mib = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw invalid(option, "must be a whole number of MiB, got " + value);
            }
        }
        if (mib < minMib || mib > Long.MAX_VALUE / MIB) {
            throw invalid(option, "must be at least " + minMib + " (MiB), got " + mib);
        }
        return mib * MIB;
    }

    /** A whole number within {@code [min, max]}. */
    public int integer(String option, int fallback, int min, int max) {
        String value = optional(option);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(option, "must be a whole number from " + min + " to " + max + ", got " + value);
    }

    /** An {@code INVALID} error naming the store and the option. */
    public GlanceException invalid(String option, String problem) {
        return GlanceException.invalid("Store '" + storeId + "': option " + option + " " + problem);
    }

    /**
     * A required URL with a host; a value without {@code http://} or {@code https://} gets {@code defaultScheme}
     * (Glance's reading of host-only values).
     */
    public URI url(String option, String defaultScheme) {
        String value = required(option);
        String text = value.startsWith("http://") || value.startsWith("https://") ? value
                : defaultScheme + "://" + value;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(option, "is not a valid URL: " + value);
        }
        if (uri.getHost() == null) {
            throw invalid(option, "has no host name: " + value);
        }
        return uri;
    }

    /** Logs, once per store start, each of {@code names} the section sets although this store does not honour it. */
    public void warnNotHonoured(List<String> names) {
        for (String option : names) {
            if (options.containsKey(option)) {
                LOG.log(System.Logger.Level.WARNING,
                        "Store ''{0}'': option {1} is not supported by glance4j and is ignored", storeId, option);
            }
        }
    }

    /** Whether the option is present (even blank). */
    public boolean has(String option) {
        return options.containsKey(option);
    }
}
