package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.glance4j.http.AuthMode;

/**
 * The flags of {@code serve}. A flag that was not given is empty, so that the configuration file or the default
 * applies; flags win over the file.
 *
 * @param bind            {@code --bind ADDR}
 * @param port            {@code --port N} (0 picks a free port)
 * @param dataDir         {@code --data-dir DIR}; {@code ./data} when not given
 * @param auth            {@code --auth noauth|trusted-headers}
 * @param configFile      {@code --config FILE}
 * @param insecureNoauth  {@code --insecure-noauth}: allow noauth on an address other than loopback
 * @param help            {@code --help} or {@code -h}
 * @param pluginDirs      {@code --plugins DIR[:DIR...]}: directories of store plugin jars
 * @param metricsPort     {@code --metrics-port N}: serve {@code /metrics} on this port (0 picks a free one)
 */
public record ServeOptions(
        Optional<String> bind,
        Optional<Integer> port,
        Path dataDir,
        Optional<AuthMode> auth,
        Optional<Path> configFile,
        boolean insecureNoauth,
        boolean help,
        List<Path> pluginDirs,
        Optional<Integer> metricsPort) {

    public ServeOptions {
        pluginDirs = List.copyOf(pluginDirs);
    }

    /** Without plugin directories and {@code --metrics-port}. */
    public ServeOptions(
            Optional<String> bind,
            Optional<Integer> port,
            Path dataDir,
            Optional<AuthMode> auth,
            Optional<Path> configFile,
            boolean insecureNoauth,
            boolean help) {
        this(bind, port, dataDir, auth, configFile, insecureNoauth, help, List.of(), Optional.empty());
    }

    /** The data directory when {@code --data-dir} is not given. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
}
