package org.glance4j.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /healthcheck} answers from.
 *
 * @param disableByFile while this file exists the healthcheck answers 503 {@code DISABLED BY FILE}, so that a load
 *                      balancer drains the node ({@code [healthcheck] disable_by_file_path}); empty for never
 * @param probes        the checks of the detailed form, run in this order
 */
public record HealthSettings(Optional<Path> disableByFile, List<HealthProbe> probes) {

    public HealthSettings {
        Objects.requireNonNull(disableByFile, "disableByFile");
        probes = List.copyOf(probes);
    }

    /** No disable file and no probes. */
    public static HealthSettings none() {
        return new HealthSettings(Optional.empty(), List.of());
    }
}
