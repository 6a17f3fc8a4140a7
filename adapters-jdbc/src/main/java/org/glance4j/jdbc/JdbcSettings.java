package org.glance4j.jdbc;

import java.util.Objects;

/**
 * Where the image records live and how many connections may be open to them.
 *
 * @param jdbcUrl        {@code jdbc:sqlite:/path/glance.sqlite} or {@code jdbc:postgresql://host:port/db}
 * @param user           the database user; null for SQLite
 * @param password       the password; null when none is needed (never shown by {@link #toString()})
 * @param maxConnections the size of the connection pool (at least 1); with SQLite it bounds concurrent readers,
 *                       writers always use one extra connection of their own
 */
public record JdbcSettings(String jdbcUrl, String user, String password, int maxConnections) {

    public JdbcSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
    }

    /** Settings for a SQLite file with {@code maxConnections} readers. */
    public static JdbcSettings sqlite(java.nio.file.Path file, int maxConnections) {
        return new JdbcSettings("jdbc:sqlite:" + file.toAbsolutePath(), null, null, maxConnections);
    }

    @Override
    public String toString() {
        return "JdbcSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", maxConnections=" + maxConnections + "]";
    }
}
