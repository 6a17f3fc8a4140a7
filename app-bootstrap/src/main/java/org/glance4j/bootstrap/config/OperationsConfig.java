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
 * @param verifyInterval  {@code [DEFAULT] image_verify_interval}; zero for no periodic verification
 * @param verifyRateMib   {@code [DEFAULT] image_verify_rate_mib}, MiB/s; zero for no limit
 * @param tusUploadExpiry {@code [DEFAULT] tus_upload_expiry}: how long a resumable upload lives after its last append
 */
public record OperationsConfig(
        Optional<Path> disableByFile,
        Optional<Integer> metricsPort,
        Optional<String> metricsBindHost,
        LogFormat logFormat,
        boolean accessLog,
        java.time.Duration verifyInterval,
        long verifyRateMib,
        java.time.Duration tusUploadExpiry) {

    /** The default resumable upload expiry, one day. */
    public static final java.time.Duration TUS_UPLOAD_EXPIRY = java.time.Duration.ofDays(1);

    /** With the default resumable upload expiry. */
    public OperationsConfig(
            Optional<Path> disableByFile,
            Optional<Integer> metricsPort,
            Optional<String> metricsBindHost,
            LogFormat logFormat,
            boolean accessLog,
            java.time.Duration verifyInterval,
            long verifyRateMib) {
        this(
                disableByFile,
                metricsPort,
                metricsBindHost,
                logFormat,
                accessLog,
                verifyInterval,
                verifyRateMib,
                TUS_UPLOAD_EXPIRY);
    }

    /** No periodic verification, 50 MiB/s for the command. */
    public OperationsConfig(
            Optional<Path> disableByFile,
            Optional<Integer> metricsPort,
            Optional<String> metricsBindHost,
            LogFormat logFormat,
            boolean accessLog) {
        this(disableByFile, metricsPort, metricsBindHost, logFormat, accessLog, java.time.Duration.ZERO, 50);
    }

    /** The two log formats. */
    public enum LogFormat {
        TEXT,
        JSON
    }

    public OperationsConfig {
        Objects.requireNonNull(disableByFile, "disableByFile");
        Objects.requireNonNull(metricsPort, "metricsPort");
        Objects.requireNonNull(metricsBindHost, "metricsBindHost");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(verifyInterval, "verifyInterval");
        Objects.requireNonNull(tusUploadExpiry, "tusUploadExpiry");
    }

    /** No disable file, no metrics, text logs with one line per request. */
    public static OperationsConfig defaults() {
        return new OperationsConfig(Optional.empty(), Optional.empty(), Optional.empty(), LogFormat.TEXT, true);
    }
}
