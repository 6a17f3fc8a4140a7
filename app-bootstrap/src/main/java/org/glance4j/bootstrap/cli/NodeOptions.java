package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * {@code --data-dir DIR} and {@code --config FILE} of the operator commands: the node whose database (and image
 * cache) the command works on, named as for {@code serve}.
 */
public final class NodeOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", converter = GivenPath.class,
            description = "The node's data directory (default: ./data), as for serve.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", converter = GivenPath.class,
            description = "The node's glance-api.conf, as for serve.")
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
