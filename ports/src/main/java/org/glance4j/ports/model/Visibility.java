package org.glance4j.ports.model;

/** Who can see an image, as Glance defines it. New images are {@link #SHARED} unless the request says otherwise. */
public enum Visibility {
    PUBLIC,
    COMMUNITY,
    SHARED,
    PRIVATE;

    public String wireName() {
        return LowerCaseWireNames.of(this);
    }

    /** Parses a wire name (lower case); {@code null} when it names no visibility. */
    public static Visibility fromWire(String value) {
        return LowerCaseWireNames.parse(Visibility.class, value);
    }
}
