package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir DIR} and {@code --config FILE}: the node that {@code serve} runs, and whose database (and image
 * cache) the operator commands work on.
 */
public final class NodeOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            converter = GivenPath.class,
            order = 90,
            description = "The node's data directory: its SQLite database, node id and default file store; "
                    + "created if missing (default: ./data).")
    Path dataDir;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            converter = GivenPath.class,
            order = 91,
            description = "The node's glance-api.conf; flags win over it.")
    Path configFile;

    /** {@code --data-dir}, else {@link ServeOptions#DEFAULT_DATA_DIR}. */
    public Path dataDir() {
        return dataDir == null ? ServeOptions.DEFAULT_DATA_DIR : dataDir;
    }

    /** {@code --config}, when given. */
    public Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }
}
