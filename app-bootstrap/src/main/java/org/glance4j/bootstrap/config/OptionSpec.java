package org.glance4j.bootstrap.config;

import java.util.Objects;

/**
 * One option of {@code glance-api.conf} that glance4j knows about.
 *
 * @param section     the section it belongs in ({@code DEFAULT} or a lower-case group name)
 * @param name        the option name, as Glance spells it
 * @param defaultText the default glance4j uses, as text (Glance's own default unless the description says so)
 * @param support     how far glance4j honours it
 * @param description what it means in glance4j
 */
public record OptionSpec(String section, String name, String defaultText, OptionSupport support, String description) {
    public OptionSpec {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(description, "description");
    }

    /** {@code [section] name}, the way messages name an option. */
    public String qualifiedName() {
        return "[" + section + "] " + name;
    }
}
