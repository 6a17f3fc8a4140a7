package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The parsed {@code cache} command line.
 *
 * @param command    {@code list}, {@code queue}, {@code delete}, {@code clear}, {@code prune} or {@code clean}
 * @param argument   the image id of {@code queue} and {@code delete}, the target of {@code clear} ({@code cache},
 *                   {@code queue}, or empty for both); null otherwise
 * @param dataDir    {@code --data-dir DIR}, as for {@code serve} (the node whose cache it is)
 * @param configFile {@code --config FILE}, as for {@code serve}
 * @param help       {@code --help} or {@code -h}
 */
public record CacheOptions(String command, String argument, Path dataDir, Optional<Path> configFile, boolean help) {}
