package org.glance4j.bootstrap.config;

/**
 * Settings that parse but that glance4j refuses to serve with: {@code noauth} on an address other than loopback
 * without {@code --insecure-noauth}, or a bind address that does not resolve. The command line exits with status 2,
 * as for a command line that cannot be understood, and the message says what to change.
 */
public final class RefusedSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedSettingException(String message) {
        super(message);
    }
}
