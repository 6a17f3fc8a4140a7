package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The parsed {@code images verify} command line.
 *
 * @param storeId    {@code --store ID}: only the copies in this store
 * @param imageId    {@code --image ID}: only this image
 * @param rateMib    {@code --rate MiB/s}; empty for {@code [DEFAULT] image_verify_rate_mib}
 * @param report     {@code --report}: print the recorded results instead of verifying
 * @param status     {@code --status S} with {@code --report}: only results with this status
 * @param dataDir    {@code --data-dir DIR}, as for {@code serve}
 * @param configFile {@code --config FILE}, as for {@code serve}
 * @param help       {@code --help} or {@code -h}
 */
public record VerifyOptions(
        Optional<String> storeId,
        Optional<String> imageId,
        Optional<Long> rateMib,
        boolean report,
        Optional<String> status,
        Path dataDir,
        Optional<Path> configFile,
        boolean help) {}
