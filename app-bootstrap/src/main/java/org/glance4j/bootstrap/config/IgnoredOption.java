package org.glance4j.bootstrap.config;

import java.util.Optional;

/**
 * An option of the file that glance4j does not act on.
 *
 * @param section  its section
 * @param name     its name
 * @param known    true when it is a Glance option glance4j knows but does not support yet
 * @param didYouMean the option it looks like a misspelling of, if any, as {@code [section] name}
 */
public record IgnoredOption(String section, String name, boolean known, Optional<String> didYouMean) {

    /** One readable entry, e.g. {@code [DEFAULT] bind_prot (did you mean [DEFAULT] bind_port?)}. */
    public String describe() {
        StringBuilder text = new StringBuilder("[").append(section).append("] ").append(name);
        if (known) {
            text.append(" (not supported yet)");
        }
        didYouMean.ifPresent(hint -> text.append(" (did you mean ").append(hint).append("?)"));
        return text.toString();
    }
}
