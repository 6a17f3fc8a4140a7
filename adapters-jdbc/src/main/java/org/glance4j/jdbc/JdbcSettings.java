package org.glance4j.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the image records live and how many connections may be open to them.
 *
 * @param jdbcUrl        {@code jdbc:sqlite:/path/glance.sqlite}, {@code jdbc:postgresql://host:port/db} or
 *                       {@code jdbc:mariadb://host:port/db}
 * @param user           the database user; null for SQLite
 * @param password       the password; null when none is needed (never shown by {@link #toString()})
 * @param maxConnections the size of the connection pool (at least 1); with SQLite it bounds concurrent readers,
 *                       writers always use one extra connection of their own
 * @param statementTimeout PostgreSQL and MariaDB: the longest one statement may run before the server cancels it
 *                       ({@code statement_timeout}, {@code max_statement_time}); {@link Duration#ZERO} for none.
 *                       Schema migrations run without it.
 */
public record JdbcSettings(
        String jdbcUrl, String user, String password, int maxConnections, Duration statementTimeout) {

    /** The default {@link #statementTimeout()}: no list or lookup of the API should come near it. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    public JdbcSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        statementTimeout = statementTimeout == null ? DEFAULT_STATEMENT_TIMEOUT : statementTimeout;
        if (statementTimeout.isNegative()) {
            throw new IllegalArgumentException("statementTimeout must not be negative, not " + statementTimeout);
        }
    }

    /** Settings with the {@link #DEFAULT_STATEMENT_TIMEOUT}. */
    public JdbcSettings(String jdbcUrl, String user, String password, int maxConnections) {
        this(jdbcUrl, user, password, maxConnections, DEFAULT_STATEMENT_TIMEOUT);
    }

    /** A copy with another statement timeout ({@link Duration#ZERO}: none). */
    public JdbcSettings withStatementTimeout(Duration timeout) {
        return new JdbcSettings(jdbcUrl, user, password, maxConnections, timeout);
    }

    /** Settings for a SQLite file with {@code maxConnections} readers. */
    public static JdbcSettings sqlite(java.nio.file.Path file, int maxConnections) {
        return new JdbcSettings("jdbc:sqlite:" + file.toAbsolutePath(), null, null, maxConnections);
    }

    @Override
    public String toString() {
        return "JdbcSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", maxConnections=" + maxConnections + ", statementTimeout="
                + statementTimeout + "]";
    }
}
