package org.glance4j.bootstrap.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server shows that it works: the healthcheck, the metrics and the logs.
 *
 * @param disableByFile   {@code [healthcheck] disable_by_file_path}
 * @param metricsPort     {@code [glance4j] metrics_port}; empty for no metrics
 * @param metricsBindHost {@code [glance4j] metrics_bind_host}; empty for the API's address
 * @param logFormat       {@code [glance4j] log_format}
 * @param accessLog       {@code [glance4j] access_log}
 */
public record OperationsConfig(Optional<Path> disableByFile, Optional<Integer> metricsPort,
        Optional<String> metricsBindHost, LogFormat logFormat, boolean accessLog) {

    /** The two log formats. */
    public enum LogFormat {
        TEXT, JSON
    }

    public OperationsConfig {
        Objects.requireNonNull(disableByFile, "disableByFile");
        Objects.requireNonNull(metricsPort, "metricsPort");
        Objects.requireNonNull(metricsBindHost, "metricsBindHost");
        Objects.requireNonNull(logFormat, "logFormat");
    }

    /** No disable file, no metrics, text logs with one line per request. */
    public static OperationsConfig defaults() {
        return new OperationsConfig(Optional.empty(), Optional.empty(), Optional.empty(), LogFormat.TEXT, true);
    }
}
