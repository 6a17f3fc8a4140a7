package org.glance4j.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glance4j.http.RequestLogContext;

/**
 * The log format of the server: one line per record, {@code 2026-01-31T12:00:00.123Z INFO  GlanceApplication:
 * message}, with a stack trace below when there is one; a line that a request causes names its request id
 * ({@code INFO  [req-...] AccessLog: ...}), and a line that an import's worker thread logs also names its task
 * ({@code INFO  [req-... task=...] ImportJob: ...}). slf4j-jdk14 routes every library's slf4j logging into
 * java.util.logging, so this one format covers everything. {@link JsonLineLogFormatter} is the JSON form.
 */
public final class OneLineLogFormatter extends Formatter {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(record.getInstant()))
                .append(' ')
                .append(String.format("%-7s", record.getLevel().getName()))
                .append(' ');
        String requestId = RequestLogContext.requestId();
        if (requestId != null) {
            String taskId = RequestLogContext.taskId();
            line.append('[').append(requestId);
            if (taskId != null) {
                line.append(" task=").append(taskId);
            }
            line.append("] ");
        }
        line.append(shortName(record.getLoggerName()))
                .append(": ")
                .append(formatMessage(record))
                .append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    static String shortName(String loggerName) {
        if (loggerName == null || loggerName.isEmpty()) {
            return "root";
        }
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }

    /**
     * Sends the root logger to standard error in this format at INFO, unless the operator configured
     * java.util.logging with {@code -Djava.util.logging.config.file}.
     */
    public static void installOnRootLogger() {
        installOnRootLogger(new OneLineLogFormatter());
    }

    /**
     * Sends the root logger to standard error in {@code format} at INFO, unless the operator configured
     * java.util.logging with {@code -Djava.util.logging.config.file}. Installing again replaces the first.
     */
    public static void installOnRootLogger(Formatter format) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(format);
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.INFO);
    }
}
