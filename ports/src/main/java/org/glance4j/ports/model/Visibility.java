package org.glance4j.ports.model;

import java.util.Locale;

/** Who can see an image, as Glance defines it. New images are {@link #SHARED} unless the request says otherwise. */
public enum Visibility {
    PUBLIC,
    COMMUNITY,
    SHARED,
    PRIVATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name (lower case); {@code null} when it names no visibility. */
    public static Visibility fromWire(String value) {
        for (Visibility v : values()) {
            if (v.wireName().equals(value)) {
                return v;
            }
        }
        return null;
    }
}
