package org.glance4j.bootstrap.config;

import java.util.Optional;

/**
 * An option of the file that glance4j does not act on.
 *
 * @param section  its section
 * @param name     its name
 * @param known    true when it is a Glance option glance4j knows but does not support yet
 * @param didYouMean the option it looks like a misspelling of, if any, as {@code [section] name}
 * @param why      why a known option is ignored, when it is not simply unsupported (e.g. it belongs to the other
 *                 way of configuring stores)
 */
public record IgnoredOption(
        String section, String name, boolean known, Optional<String> didYouMean, Optional<String> why) {

    /** An option ignored for no particular reason beyond being unknown or unsupported. */
    public IgnoredOption(String section, String name, boolean known, Optional<String> didYouMean) {
        this(section, name, known, didYouMean, Optional.empty());
    }

    /** One readable entry, e.g. {@code [DEFAULT] bind_prot (did you mean [DEFAULT] bind_port?)}. */
    public String describe() {
        StringBuilder text = new StringBuilder("[").append(section).append("] ").append(name);
        if (why.isPresent()) {
            text.append(" (").append(why.get()).append(")");
        } else if (known) {
            text.append(" (not supported yet)");
        }
        didYouMean.ifPresent(hint -> text.append(" (did you mean ").append(hint).append("?)"));
        return text.toString();
    }
}
