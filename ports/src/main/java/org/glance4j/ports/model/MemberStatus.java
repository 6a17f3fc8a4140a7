package org.glance4j.ports.model;

import java.util.Locale;

/** The answer of a project to an image shared with it. */
public enum MemberStatus {
    PENDING,
    ACCEPTED,
    REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name (lower case); {@code null} when it names no status. */
    public static MemberStatus fromWire(String value) {
        for (MemberStatus s : values()) {
            if (s.wireName().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
