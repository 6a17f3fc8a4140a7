package org.glance4j.ports.model;

/** The answer of a project to an image shared with it. */
public enum MemberStatus {
    PENDING,
    ACCEPTED,
    REJECTED;

    public String wireName() {
        return LowerCaseWireNames.of(this);
    }

    /** Parses a wire name (lower case); {@code null} when it names no status. */
    public static MemberStatus fromWire(String value) {
        return LowerCaseWireNames.parse(MemberStatus.class, value);
    }
}
