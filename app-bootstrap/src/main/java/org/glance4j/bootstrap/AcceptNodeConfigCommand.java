package org.glance4j.bootstrap;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.glance4j.bootstrap.cli.DbOptions;
import org.glance4j.bootstrap.cli.ServeOptions;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.FileProblem;
import org.glance4j.bootstrap.config.IniFile;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
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
        IniFile file = options.configFile().map(IniParser::parse).orElseGet(IniFile::empty);
        ServeOptions flags = new ServeOptions(
                Optional.empty(),
                Optional.empty(),
                options.dataDir(),
                Optional.empty(),
                options.configFile(),
                true,
                false);
        LoadedConfig loaded = ConfigLoader.load(file);
        ServerSettings settings = ServerSettings.resolve(flags, loaded.config(), loaded.keystone());
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot create the data directory (--data-dir): " + FileProblem.describe(settings.dataDir(), e), e);
        }
        Map<String, String> values = SharedNodeConfig.of(settings);
        try (JdbcRepositories repositories = JdbcRepositories.open(settings.jdbc())) {
            repositories.sharedSettings().replace(values);
        }
        values.forEach((name, value) -> out.println("recorded " + SharedNodeConfig.OPTIONS.get(name) + ": " + value));
        return 0;
    }
}
