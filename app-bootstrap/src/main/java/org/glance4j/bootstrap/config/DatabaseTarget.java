package org.glance4j.bootstrap.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A database to keep image records in, translated from an SQLAlchemy URL to JDBC terms.
 *
 * @param kind     which database
 * @param jdbcUrl  the JDBC URL, without credentials
 * @param user     the user name, or null
 * @param password the password, or null; never printed by {@link #toString()}
 * @param ignoredParameters the URL's query parameters that glance4j does not use, each with why, in URL order
 */
public record DatabaseTarget(
        Kind kind, String jdbcUrl, String user, String password, Map<String, String> ignoredParameters) {

    /** The databases glance4j can use; MARIADB is also what MySQL URLs reach. */
    public enum Kind {
        SQLITE,
        POSTGRESQL,
        MARIADB
    }

    public DatabaseTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        ignoredParameters = Collections.unmodifiableMap(new LinkedHashMap<>(ignoredParameters));
    }

    /** A target whose URL had nothing to ignore. */
    public DatabaseTarget(Kind kind, String jdbcUrl, String user, String password) {
        this(kind, jdbcUrl, user, password, Map.of());
    }

    @Override
    public String toString() {
        return "DatabaseTarget[kind=" + kind + ", jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password == null ? "null" : "****") + ", ignoredParameters=" + ignoredParameters.keySet() + "]";
    }
}
