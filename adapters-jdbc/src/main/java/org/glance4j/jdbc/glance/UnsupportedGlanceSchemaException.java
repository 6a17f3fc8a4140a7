package org.glance4j.jdbc.glance;

/** The database is not a Glance database of a schema revision glance4j knows how to read. */
public final class UnsupportedGlanceSchemaException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public UnsupportedGlanceSchemaException(String message) {
        super(message);
    }
}
