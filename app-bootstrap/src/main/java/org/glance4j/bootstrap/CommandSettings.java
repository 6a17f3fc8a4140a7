package org.glance4j.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.glance4j.bootstrap.cli.ServeOptions;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.FileProblem;
import org.glance4j.bootstrap.config.IniFile;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.wiring.ServerSettings;

/**
 * What an operator command ({@code db ...}, {@code cache ...}, {@code images verify}) works on: the configuration
 * file given with {@code --config} (none: an empty file, all defaults) and the settings {@code serve} would resolve
 * from it with {@code --data-dir} and no other flag. No command listens, so the noauth-on-a-public-address guard of
 * {@code serve} does not apply.
 */
final class CommandSettings {

    private CommandSettings() {}

    /**
     * Reads and loads the configuration file.
     *
     * @throws ConfigException when the file cannot be read or a value does not parse
     */
    static LoadedConfig load(Optional<Path> configFile) {
        IniFile file = configFile.map(IniParser::parse).orElseGet(IniFile::empty);
        return ConfigLoader.load(file);
    }

    /**
     * The settings {@code serve --config configFile --data-dir dataDir} would run with.
     *
     * @throws ConfigException when the configuration is unusable
     */
    static ServerSettings resolve(LoadedConfig loaded, Optional<Path> configFile, Path dataDir) {
        ServeOptions flags = new ServeOptions(
                Optional.empty(), Optional.empty(), dataDir, Optional.empty(), configFile, true, false);
        return ServerSettings.resolve(flags, loaded.config(), loaded.keystone());
    }

    /** {@link #load} then {@link #resolve}. */
    static ServerSettings resolve(Optional<Path> configFile, Path dataDir) {
        return resolve(load(configFile), configFile, dataDir);
    }

    /**
     * Creates the data directory (and its parents) when missing.
     *
     * @throws ConfigException naming {@code --data-dir} and why when it cannot be created
     */
    static void createDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot create the data directory (--data-dir): " + FileProblem.describe(dataDir, e), e);
        }
    }
}
