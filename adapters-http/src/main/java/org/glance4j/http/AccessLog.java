package org.glance4j.http;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One INFO line per request on the logger {@code org.glance4j.http.AccessLog}:
 * {@code GET /v2/images/{image_id}/file 200 in=0 out=1048576 12.3ms project=<id>}. The line is logged with
 * {@link RequestLogContext} naming its request id, and carries its {@link RequestOutcome} as the record's one
 * parameter, so that a structured (JSON) formatter can write each field on its own.
 */
public final class AccessLog {
    /** The name of the logger the lines go to. */
    public static final String LOGGER = AccessLog.class.getName();
    /** Logs every request. */
    public static final AccessLog ON = new AccessLog(true);
    /** Logs nothing. */
    public static final AccessLog OFF = new AccessLog(false);

    private static final Logger LOG = Logger.getLogger(LOGGER);

    private final boolean enabled;

    private AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    void log(RequestOutcome outcome) {
        if (!enabled || !LOG.isLoggable(Level.INFO)) {
            return;
        }
        LogRecord record = new LogRecord(Level.INFO, line(outcome));
        record.setLoggerName(LOGGER);
        record.setParameters(new Object[] {outcome});
        String previous = RequestLogContext.requestId();
        RequestLogContext.set(outcome.requestId());
        try {
            LOG.log(record);
        } finally {
            if (previous == null) {
                RequestLogContext.clear();
            } else {
                RequestLogContext.set(previous);
            }
        }
    }

    /** The text of the line. */
    static String line(RequestOutcome outcome) {
        long tenths = (outcome.durationNanos() + 50_000) / 100_000;
        return outcome.method() + " " + outcome.route() + " " + outcome.status() + " in=" + outcome.bytesReceived()
                + " out=" + outcome.bytesSent() + " " + tenths / 10 + "." + tenths % 10 + "ms"
                + " project=" + (outcome.projectId() == null ? "-" : outcome.projectId());
    }
}
