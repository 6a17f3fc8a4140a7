package org.glance4j.bootstrap.wiring;

import com.google.inject.Injector;
import com.google.inject.Key;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.glance4j.bootstrap.metrics.Telemetry;

/**
 * What the wiring adds so that operators see the server work: the metrics the parts are wrapped with, the
 * healthcheck's disable file, and whether each request is logged. Modules find it with {@link #of(Injector)};
 * without a binding (the operator commands) there are no metrics, no disable file and a request log.
 *
 * @param telemetry     the metrics, or {@link Telemetry#off()}
 * @param disableByFile {@code [healthcheck] disable_by_file_path}
 * @param accessLog     {@code [glance4j] access_log}
 * @param tusUploadExpiry {@code [DEFAULT] tus_upload_expiry}
 */
public record Operations(
        Telemetry telemetry, Optional<Path> disableByFile, boolean accessLog, java.time.Duration tusUploadExpiry) {

    public Operations {
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(disableByFile, "disableByFile");
        Objects.requireNonNull(tusUploadExpiry, "tusUploadExpiry");
    }

    /** With resumable uploads expiring after a day. */
    public Operations(Telemetry telemetry, Optional<Path> disableByFile, boolean accessLog) {
        this(telemetry, disableByFile, accessLog, java.time.Duration.ofDays(1));
    }

    /** No metrics, no disable file, one log line per request. */
    public static Operations none() {
        return new Operations(Telemetry.off(), Optional.empty(), true);
    }

    /** The bound operations, or {@link #none()}. */
    static Operations of(Injector injector) {
        return injector.getExistingBinding(Key.get(Operations.class)) != null
                ? injector.getInstance(Operations.class)
                : none();
    }
}
