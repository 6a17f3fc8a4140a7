package org.glance4j.bootstrap.cli;

/** A command line that cannot be understood; the message says why. {@code Main} exits with status 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
