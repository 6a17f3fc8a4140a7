package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The parsed {@code db} command line.
 *
 * @param command    {@code load-metadefs} or {@code export-metadefs}
 * @param folder     the folder (for loading, also a single file) of namespace documents
 * @param dataDir    {@code --data-dir DIR}, as for {@code serve}
 * @param configFile {@code --config FILE}, as for {@code serve}
 * @param help       {@code --help} or {@code -h}
 */
public record DbOptions(String command, Path folder, Path dataDir, Optional<Path> configFile, boolean help) {
}
