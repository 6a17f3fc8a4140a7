package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.glance4j.bootstrap.cli.ServeCommand;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.junit.jupiter.api.Test;

/** {@code [glance4j] plugin_dirs} and {@code --plugins}: where store plugin jars are looked for. */
class PluginDirsConfigTest {

    static final String FULL_PLUGINS =
            String.join("\n", "[glance4j]", "plugin_dirs = plugins, /opt/glance4j/plugins", "");

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), Path.of("/srv/glance"));
    }

    @Test
    void noneByDefault() {
        assertThat(load("").pluginDirs()).isEmpty();
        assertThat(ServeCommand.parse(List.of()).pluginDirs()).isEmpty();
    }

    @Test
    void theOptionListsDirectoriesRelativeToTheWorkingDirectory() {
        LoadedConfig config = load(FULL_PLUGINS);
        assertThat(config.pluginDirs())
                .containsExactly(Path.of("/srv/glance/plugins"), Path.of("/opt/glance4j/plugins"));
        assertThat(config.ignored()).isEmpty();
    }

    @Test
    void theFlagTakesDirectoriesSeparatedLikeAClassPath() {
        assertThat(ServeCommand.parse(List.of("--plugins", "/a:/b")).pluginDirs())
                .containsExactly(Path.of("/a"), Path.of("/b"));
        assertThat(ServeCommand.parse(List.of("--plugins=/c")).pluginDirs()).containsExactly(Path.of("/c"));
    }
}
