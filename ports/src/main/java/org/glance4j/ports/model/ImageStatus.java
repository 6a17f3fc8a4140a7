package org.glance4j.ports.model;

import java.util.Locale;

/** The lifecycle states of an image, spelt on the wire as Glance spells them (lower case). */
public enum ImageStatus {
    QUEUED,
    SAVING,
    UPLOADING,
    IMPORTING,
    ACTIVE,
    DEACTIVATED,
    KILLED,
    DELETED,
    PENDING_DELETE;

    /** The wire name, e.g. {@code pending_delete}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-sensitively as Glance does; {@code null} when it names no status. */
    public static ImageStatus fromWire(String value) {
        for (ImageStatus s : values()) {
            if (s.wireName().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
