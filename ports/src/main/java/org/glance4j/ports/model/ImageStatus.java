package org.glance4j.ports.model;

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
        return LowerCaseWireNames.of(this);
    }

    /** Parses a wire name, case-sensitively as Glance does; {@code null} when it names no status. */
    public static ImageStatus fromWire(String value) {
        return LowerCaseWireNames.parse(ImageStatus.class, value);
    }
}
