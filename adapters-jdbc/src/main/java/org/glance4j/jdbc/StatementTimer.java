package org.glance4j.jdbc;

/**
 * Told how long each SQL statement took, for metrics. Called on the thread that ran the statement, right after it;
 * an implementation is thread-safe and quick.
 */
@FunctionalInterface
public interface StatementTimer {

    /**
     * @param nanos  how long the statement ran, as the driver saw it
     * @param failed whether it ended with an {@link java.sql.SQLException}
     */
    void executed(long nanos, boolean failed);
}
