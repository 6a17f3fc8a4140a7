package org.glance4j.bootstrap.config;

import java.util.Objects;

/**
 * A database to keep image records in, translated from an SQLAlchemy URL to JDBC terms.
 *
 * @param kind     which database
 * @param jdbcUrl  the JDBC URL, without credentials
 * @param user     the user name, or null
 * @param password the password, or null; never printed by {@link #toString()}
 */
public record DatabaseTarget(Kind kind, String jdbcUrl, String user, String password) {

    /** The databases glance4j can use. */
    public enum Kind { SQLITE, POSTGRESQL }

    public DatabaseTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    @Override
    public String toString() {
        return "DatabaseTarget[kind=" + kind + ", jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password == null ? "null" : "****") + "]";
    }
}
