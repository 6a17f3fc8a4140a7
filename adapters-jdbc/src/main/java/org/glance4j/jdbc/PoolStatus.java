package org.glance4j.jdbc;

/**
 * A live view of one connection pool, for metrics: each call reads the pool's current numbers.
 */
public interface PoolStatus {

    /** The pool's name, e.g. {@code glance4j-postgresql} or {@code glance4j-sqlite-readers}. */
    String name();

    /** Connections lent out now. */
    int active();

    /** Connections open and not lent out. */
    int idle();

    /** Connections open. */
    int total();

    /** Threads waiting for a connection now. */
    int waiting();

    /** The most connections the pool opens. */
    int maximum();
}
