package org.glance4j.ports.error;

import java.util.Objects;

/**
 * The one exception type that crosses the ports. It carries a {@link ErrorCategory} and a message meant for the
 * client: clear, specific, and free of internal detail. Adapters map the category to their protocol.
 */
public class GlanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;

    public GlanceException(ErrorCategory category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category, "category");
    }

    public GlanceException(ErrorCategory category, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
    }

    public ErrorCategory category() {
        return category;
    }

    public static GlanceException invalid(String message) {
        return new GlanceException(ErrorCategory.INVALID, message);
    }

    public static GlanceException unauthenticated(String message) {
        return new GlanceException(ErrorCategory.UNAUTHENTICATED, message);
    }

    public static GlanceException forbidden(String message) {
        return new GlanceException(ErrorCategory.FORBIDDEN, message);
    }

    public static GlanceException notFound(String message) {
        return new GlanceException(ErrorCategory.NOT_FOUND, message);
    }

    public static GlanceException conflict(String message) {
        return new GlanceException(ErrorCategory.CONFLICT, message);
    }

    public static GlanceException tooLarge(String message) {
        return new GlanceException(ErrorCategory.TOO_LARGE, message);
    }

    public static GlanceException unsupportedMediaType(String message) {
        return new GlanceException(ErrorCategory.UNSUPPORTED_MEDIA_TYPE, message);
    }

    public static GlanceException unavailable(String message, Throwable cause) {
        return new GlanceException(ErrorCategory.UNAVAILABLE, message, cause);
    }
}
