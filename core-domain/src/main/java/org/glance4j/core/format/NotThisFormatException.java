package org.glance4j.core.format;

/**
 * Thrown by a probe when the bytes rule its format out or leave it unable to read further (a magic number that is
 * not its own, a bad signature deeper in the header, a count past its limit); the inspection then stops feeding
 * that probe, as Glance stops feeding an inspector that raised. Never leaves the package.
 */
final class NotThisFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotThisFormatException(String message) {
        super(message, null, false, false);
    }
}
