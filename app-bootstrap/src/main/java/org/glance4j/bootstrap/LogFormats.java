package org.glance4j.bootstrap;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.glance4j.bootstrap.config.OperationsConfig.LogFormat;

/** Switches the server's log between its text and JSON forms ({@code [glance4j] log_format}). */
final class LogFormats {
    private static volatile LogFormat chosen = LogFormat.TEXT;

    private LogFormats() {}

    /**
     * Gives every root handler that writes one of glance4j's own formats the format asked for; handlers the
     * operator configured with {@code -Djava.util.logging.config.file} keep theirs.
     */
    static void use(LogFormat format) {
        chosen = format;
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Formatter current = handler.getFormatter();
            if (current instanceof OneLineLogFormatter || current instanceof JsonLineLogFormatter) {
                handler.setFormatter(formatter());
            }
        }
    }

    /** A formatter of the format last chosen (text until one is), for a line written without a handler. */
    static Formatter formatter() {
        return chosen == LogFormat.JSON ? new JsonLineLogFormatter() : new OneLineLogFormatter();
    }
}
