package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.ImportConfig;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.core.settings.ImportSettings;
import org.junit.jupiter.api.Test;

/** The import options of glance-api.conf: defaults, a full mapping, refusals, and the settings they make. */
class ImportConfigTest {

    private static final Path WORK = Path.of("/srv/glance");

    /** Every import option, each set to something other than its default. */
    static final String FULL_IMPORT = String.join(
            "\n",
            "[DEFAULT]",
            "enabled_import_methods = web-download, glance-direct",
            "node_staging_uri = file:///var/lib/glance/staging/",
            "[os_glance_staging_store]",
            "filesystem_store_datadir = staging-here",
            "[image_import_opts]",
            "image_import_plugins = image_decompression,image_conversion,inject_image_metadata",
            "[image_conversion]",
            "output_format = qcow2",
            "[inject_metadata_properties]",
            "inject = team:infra, tier:gold",
            "ignore_user_roles = admin, service",
            "[import_filtering_opts]",
            "allowed_schemes = https",
            "disallowed_schemes = ftp",
            "allowed_hosts = mirror.example, 10.0.0.5",
            "disallowed_hosts = evil.example",
            "allowed_ports = 8443",
            "disallowed_ports = 22",
            "[wsgi]",
            "task_pool_threads = 3",
            "[task]",
            "task_time_to_live = 12",
            "");

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), WORK);
    }

    @Test
    void defaultsAreGlances() {
        ImportConfig defaults = ImportConfig.defaults();
        assertThat(defaults.enabledMethods()).containsExactly("glance-direct", "web-download", "copy-image");
        assertThat(defaults.stagingDir()).isEmpty();
        assertThat(defaults.plugins()).isEmpty();
        assertThat(defaults.outputFormat()).isEqualTo("raw");
        assertThat(defaults.ignoreUserRoles()).containsExactly("admin");
        assertThat(defaults.allowedSchemes()).containsExactly("http", "https");
        assertThat(defaults.allowedPorts()).containsExactly(80, 443);
        assertThat(defaults.allowedHosts()).isEmpty();
        assertThat(defaults.taskPoolThreads()).isEqualTo(16);
        assertThat(defaults.taskTimeToLive()).isEqualTo(48);
    }

    @Test
    void mapsEveryImportOption() {
        LoadedConfig loaded = load(FULL_IMPORT);
        assertThat(loaded.ignored()).isEmpty();
        assertThat(loaded.importing())
                .isEqualTo(new ImportConfig(
                        List.of("web-download", "glance-direct"),
                        Optional.of(Path.of("/srv/glance/staging-here")),
                        List.of("image_decompression", "image_conversion", "inject_image_metadata"),
                        "qcow2",
                        Map.of("team", "infra", "tier", "gold"),
                        List.of("admin", "service"),
                        List.of("https"),
                        List.of("ftp"),
                        List.of("mirror.example", "10.0.0.5"),
                        List.of("evil.example"),
                        List.of(8443),
                        List.of(22),
                        3,
                        12));
    }

    @Test
    void nodeStagingUriNamesTheStagingAreaWhenTheStagingStoreDoesNot() {
        LoadedConfig loaded = load("[DEFAULT]\nnode_staging_uri = file:///var/tmp/glance-staging\n");
        assertThat(loaded.importing().stagingDir()).contains(Path.of("/var/tmp/glance-staging"));
        assertThatThrownBy(() -> load("[DEFAULT]\nnode_staging_uri = http://x/\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("node_staging_uri");
    }

    @Test
    void refusesUnknownMethodsPluginsFormatsAndBadNumbers() {
        assertThatThrownBy(() -> load("[DEFAULT]\nenabled_import_methods = glance-download\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("enabled_import_methods");
        assertThatThrownBy(() -> load("[image_import_opts]\nimage_import_plugins = image_magic\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("image_import_plugins");
        assertThatThrownBy(() -> load("[image_conversion]\noutput_format = vhd\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("output_format");
        assertThatThrownBy(() -> load("[import_filtering_opts]\nallowed_ports = http\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("allowed_ports");
        assertThatThrownBy(() -> load("[wsgi]\ntask_pool_threads = 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("task_pool_threads");
        assertThatThrownBy(() -> load("[inject_metadata_properties]\ninject = novalue\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("inject");
    }

    @Test
    void serverSettingsPutStagingInTheDataDirectoryByDefault() {
        LoadedConfig loaded = load("");
        ServerSettings settings = ServerSettings.resolve(
                        org.glance4j.bootstrap.cli.ServeCommand.parse(List.of("--data-dir", "/tmp/g4j-data")),
                        loaded.config())
                .withImporting(loaded.importing());
        ImportSettings importing = settings.importing();
        assertThat(settings.stagingDir()).isEqualTo(Path.of("/tmp/g4j-data/staging"));
        assertThat(importing.multiStore()).isFalse();
        assertThat(importing.filter()).isEqualTo(ImportSettings.FilterRules.defaults());

        LoadedConfig full = load(FULL_IMPORT);
        ServerSettings configuredServer = ServerSettings.resolve(
                        org.glance4j.bootstrap.cli.ServeCommand.parse(List.of("--data-dir", "/tmp/g4j-data")),
                        full.config())
                .withImporting(full.importing());
        ImportSettings configured = configuredServer.importing();
        assertThat(configuredServer.stagingDir()).isEqualTo(Path.of("/srv/glance/staging-here"));
        assertThat(configured.plugins()).hasSize(3);
        assertThat(configured.filter().allowedHosts()).containsExactly("mirror.example", "10.0.0.5");
    }
}
