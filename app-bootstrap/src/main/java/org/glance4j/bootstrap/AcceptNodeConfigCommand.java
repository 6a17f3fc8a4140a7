package org.glance4j.bootstrap;

import java.io.PrintStream;
import java.util.Map;
import org.glance4j.bootstrap.cli.DbOptions;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.jdbc.JdbcRepositories;

/**
 * {@code db accept-node-config}: records the shared configuration ({@link SharedNodeConfig}) of the given
 * configuration file in the database {@code serve} would use, replacing what the first node recorded, so that
 * nodes started with the new values are accepted (and nodes with the old ones refused).
 */
final class AcceptNodeConfigCommand {

    private final PrintStream out;

    AcceptNodeConfigCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * Records the values and prints each.
     *
     * @return 0
     * @throws ConfigException when the configuration or the data directory is unusable
     */
    int run(DbOptions options) {
        ServerSettings settings = CommandSettings.resolve(options.configFile(), options.dataDir());
        CommandSettings.createDataDir(settings.dataDir());
        Map<String, String> values = SharedNodeConfig.of(settings);
        try (JdbcRepositories repositories = JdbcRepositories.open(settings.jdbc())) {
            repositories.sharedSettings().replace(values);
        }
        values.forEach((name, value) -> out.println("recorded " + SharedNodeConfig.OPTIONS.get(name) + ": " + value));
        return 0;
    }
}
