package org.glance4j.bootstrap.config;

/**
 * A configuration the server cannot start with: a file that does not parse, or a value that is not valid for its
 * option. The message names the place (file and line, or section and option) and says what is wrong.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
