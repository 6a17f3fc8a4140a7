package org.glance4j.bootstrap.wiring;

/**
 * Closes whatever repositories the chosen persistence module opened, so that shutdown does not need to know which
 * one was chosen. Every persistence module binds one.
 */
@FunctionalInterface
public interface RepositoryCloser extends AutoCloseable {
    @Override
    void close();
}
