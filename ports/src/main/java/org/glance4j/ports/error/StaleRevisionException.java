package org.glance4j.ports.error;

/**
 * Thrown by a repository when an update names a revision that is no longer current: somebody else changed the
 * record first. Its category is {@link ErrorCategory#CONFLICT}; the core usually re-reads and retries instead of
 * letting it reach a client.
 */
public class StaleRevisionException extends GlanceException {
    private static final long serialVersionUID = 1L;

    public StaleRevisionException(String message) {
        super(ErrorCategory.CONFLICT, message);
    }
}
