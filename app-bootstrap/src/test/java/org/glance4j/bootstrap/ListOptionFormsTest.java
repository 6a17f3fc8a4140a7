package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every list option reads both of oslo.config's forms: the plain comma list and the bracketed one that Glance's
 * sample glance-api.conf (and Debian's) uses for {@code enabled_import_methods}, with quotes and blanks.
 */
class ListOptionFormsTest {

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), Path.of("/srv/glance"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "glance-direct,web-download,copy-image",
                "[glance-direct,web-download,copy-image]",
                " [ glance-direct , web-download,copy-image ] ",
                "[\"glance-direct\", \"web-download\", 'copy-image']",
                "\"glance-direct\",web-download, 'copy-image'",
                "glance-direct,web-download,copy-image,",
                "[glance-direct,web-download,copy-image],",
            })
    void glanceSampleImportMethodsInEveryForm(String value) {
        assertThat(load("[DEFAULT]\nenabled_import_methods = " + value + "\n")
                        .importing()
                        .enabledMethods())
                .containsExactly("glance-direct", "web-download", "copy-image");
    }

    @Test
    void theLineOfDebiansGlanceApiConfStartsTheConfiguration() {
        assertThat(load("[DEFAULT]\nenabled_import_methods = [glance-direct,web-download,copy-image]\n")
                        .ignored())
                .isEmpty();
    }

    @Test
    void emptyBracketsAreTheEmptyList() {
        assertThat(load("[DEFAULT]\nenabled_import_methods = []\n").importing().enabledMethods())
                .isEmpty();
        assertThat(load("[import_filtering_opts]\nallowed_ports = [ ]\n")
                        .importing()
                        .allowedPorts())
                .isEmpty();
    }

    @Test
    void everyOtherListOptionReadsTheBracketedFormToo() {
        LoadedConfig loaded = load(String.join(
                "\n",
                "[DEFAULT]",
                "enabled_backends = [fast:file, 'slow:file']",
                "[glance_store]",
                "default_backend = fast",
                "[image_format]",
                "disk_formats = [raw, \"qcow2\"]",
                "container_formats = [bare]",
                "vmdk_allowed_types = [streamOptimized]",
                "[image_import_opts]",
                "image_import_plugins = ['inject_image_metadata']",
                "[inject_metadata_properties]",
                "inject = [team:infra, \"note:a,b\"]",
                "ignore_user_roles = [admin]",
                "[import_filtering_opts]",
                "allowed_ports = [80, 8080]",
                "allowed_hosts = [\"example.com\"]",
                "disallowed_schemes = [ftp]",
                ""));
        assertThat(loaded.config().stores()).extracting(StoreConfig::id).containsExactly("fast", "slow");
        assertThat(loaded.config().diskFormats()).containsExactly("raw", "qcow2");
        assertThat(loaded.config().containerFormats()).containsExactly("bare");
        assertThat(loaded.config().formats().vmdkAllowedTypes()).containsExactly("streamOptimized");
        assertThat(loaded.importing().plugins()).containsExactly("inject_image_metadata");
        assertThat(loaded.importing().inject()).containsEntry("team", "infra").containsEntry("note", "a,b");
        assertThat(loaded.importing().ignoreUserRoles()).containsExactly("admin");
        assertThat(loaded.importing().allowedPorts()).containsExactly(80, 8080);
        assertThat(loaded.importing().allowedHosts()).containsExactly("example.com");
        assertThat(loaded.importing().disallowedSchemes()).containsExactly("ftp");
        assertThat(loaded.ignored()).isEmpty();
    }

    @Test
    void halfBracketsAndOpenQuotesAreFatalAndSaySo() {
        assertThatThrownBy(() -> load("[DEFAULT]\nenabled_import_methods = [glance-direct,web-download\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("enabled_import_methods")
                .hasMessageContaining("does not end with ']'");
        assertThatThrownBy(() -> load("[image_format]\ndisk_formats = raw,qcow2]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("disk_formats")
                .hasMessageContaining("does not start with '['");
        assertThatThrownBy(() -> load("[image_format]\ndisk_formats = [\"raw, qcow2]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("disk_formats")
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> load("[image_format]\ndisk_formats = [raw,,qcow2]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("empty entry");
    }
}
