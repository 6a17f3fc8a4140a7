package org.glance4j.bootstrap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import org.glance4j.http.RequestLogContext;
import org.glance4j.http.RequestOutcome;

/**
 * The JSON form of the server's log ({@code [glance4j] log_format = json}): one object per line with {@code time},
 * {@code level}, {@code logger}, {@code message}, {@code request_id} when a request caused the line,
 * {@code task_id} when the worker thread of an import task wrote it, and {@code exception} when there is one. A
 * request's own line ({@link org.glance4j.http.AccessLog}) also has {@code method}, {@code route}, {@code status},
 * {@code bytes_in}, {@code bytes_out}, {@code duration_ms} and {@code project}.
 */
public final class JsonLineLogFormatter extends Formatter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(LogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", record.getInstant().toString());
            g.writeStringField("level", record.getLevel().getName());
            g.writeStringField("logger", record.getLoggerName() == null ? "root" : record.getLoggerName());
            String requestId = RequestLogContext.requestId();
            if (requestId != null) {
                g.writeStringField("request_id", requestId);
            }
            String taskId = RequestLogContext.taskId();
            if (taskId != null) {
                g.writeStringField("task_id", taskId);
            }
            g.writeStringField("message", formatMessage(record));
            Object[] parameters = record.getParameters();
            if (parameters != null && parameters.length == 1 && parameters[0] instanceof RequestOutcome outcome) {
                g.writeStringField("method", outcome.method());
                g.writeStringField("route", outcome.route());
                g.writeNumberField("status", outcome.status());
                g.writeNumberField("bytes_in", outcome.bytesReceived());
                g.writeNumberField("bytes_out", outcome.bytesSent());
                g.writeNumberField("duration_ms", Math.round(outcome.durationNanos() / 1000.0) / 1000.0);
                g.writeStringField("project", outcome.projectId());
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                g.writeStringField("exception", trace.toString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(System.lineSeparator()).toString();
    }
}
