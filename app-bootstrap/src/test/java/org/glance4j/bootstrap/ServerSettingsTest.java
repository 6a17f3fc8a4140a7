package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glance4j.bootstrap.cli.ServeCommand;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.DatabaseTarget;
import org.glance4j.bootstrap.config.GlanceConfig;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.config.RefusedSettingException;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.http.AuthMode;
import org.glance4j.http.HttpSettings;
import org.glance4j.jdbc.JdbcSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerSettingsTest {

    private static GlanceConfig file(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), Path.of("/srv"))
                .config();
    }

    private static ServerSettings resolve(List<String> flags, String fileText) {
        LoadedConfig loaded = ConfigLoader.load(IniParser.parse("glance-api.conf", fileText), Path.of("/srv"));
        return ServerSettings.resolve(ServeCommand.parse(flags), loaded.config(), loaded.keystone());
    }

    private static final String KEYSTONE =
            "[keystone_authtoken]\nauth_url = http://keystone:5000/v3\n" + "username = glance\npassword = secret\n";

    @Test
    void withoutFlagsOrFileItIsALoopbackNoauthServerOnSqliteInTheDataDir() {
        ServerSettings settings = resolve(List.of("--data-dir", "/tmp/g4j"), "");
        HttpSettings defaults = HttpSettings.defaults();
        assertThat(settings.http())
                .isEqualTo(new HttpSettings(
                        "127.0.0.1",
                        9292,
                        AuthMode.NOAUTH,
                        defaults.noauthProjectId(),
                        defaults.noauthUserId(),
                        defaults.ioThreads(),
                        defaults.workerThreads()));
        assertThat(settings.core()).isEqualTo(CoreSettings.defaults());
        assertThat(settings.jdbc()).isEqualTo(new JdbcSettings("jdbc:sqlite:/tmp/g4j/glance.sqlite", null, null, 5));
        assertThat(settings.database().kind()).isEqualTo(DatabaseTarget.Kind.SQLITE);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/g4j"));
        assertThat(settings.data()).isEqualTo(DataSettings.defaults());
        assertThat(settings.stores())
                .containsExactly(new StoreConfig(
                        "file", "file", "glance_store", Map.of("filesystem_store_datadir", "/tmp/g4j/images")));
        assertThat(settings.defaultStore()).isEqualTo("file");
    }

    @Test
    void dataSettingsComeFromTheFileAndTheNodeIdIsSetLater() {
        ServerSettings settings = resolve(
                List.of("--data-dir", "/tmp/g4j"), "[DEFAULT]\nimage_size_cap = 4096\nhashing_algorithm = sha256\n");
        assertThat(settings.data())
                .isEqualTo(
                        new DataSettings(4096, "sha256", DataSettings.defaults().nodeId()));
        assertThat(settings.withNodeId("n-1").data()).isEqualTo(new DataSettings(4096, "sha256", "n-1"));
        assertThat(settings.withNodeId("n-1").stores()).isEqualTo(settings.stores());
    }

    @Test
    void eachEnabledBackendWithoutADirectoryGetsOneNamedAfterItInTheDataDir() {
        ServerSettings settings = resolve(
                List.of("--data-dir", "/tmp/g4j"),
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "enabled_backends = fast:file, slow:file, ceph:rbd",
                        "[glance_store]",
                        "default_backend = fast",
                        "[slow]",
                        "filesystem_store_datadir = /mnt/slow",
                        ""));
        assertThat(settings.stores())
                .containsExactly(
                        new StoreConfig("fast", "file", "fast", Map.of("filesystem_store_datadir", "/tmp/g4j/fast")),
                        new StoreConfig("slow", "file", "slow", Map.of("filesystem_store_datadir", "/mnt/slow")),
                        new StoreConfig("ceph", "rbd", "ceph", Map.of()));
        assertThat(settings.defaultStore()).isEqualTo("fast");
    }

    @Test
    void theDefaultDataDirIsDataInTheWorkingDirectory() {
        ServerSettings settings = resolve(List.of(), "");
        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.jdbc().jdbcUrl())
                .isEqualTo("jdbc:sqlite:" + Path.of("data", "glance.sqlite").toAbsolutePath());
    }

    @Test
    void theFileFillsTheSettingsOfCoreHttpAndDatabase() {
        ServerSettings settings = resolve(
                List.of("--insecure-noauth"),
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "bind_host = 0.0.0.0",
                        "bind_port = 9393",
                        "limit_param_default = 5",
                        "api_limit_max = 20",
                        "image_property_quota = 4",
                        "image_tag_quota = 2",
                        "[image_format]",
                        "disk_formats = raw",
                        "container_formats = bare",
                        "[database]",
                        "connection = postgresql://glance:pw@db/glance",
                        "max_pool_size = 9",
                        ""));
        assertThat(settings.http().bindHost()).isEqualTo("0.0.0.0");
        assertThat(settings.http().port()).isEqualTo(9393);
        assertThat(settings.core())
                .isEqualTo(new CoreSettings(
                        List.of("raw"),
                        List.of("bare"),
                        5,
                        20,
                        4,
                        2,
                        CoreSettings.defaults().policyOverrides()));
        assertThat(settings.jdbc()).isEqualTo(new JdbcSettings("jdbc:postgresql://db/glance", "glance", "pw", 9));
    }

    @Test
    void flagsWinOverTheFile() {
        ServerSettings settings = resolve(
                List.of("--bind", "127.0.0.2", "--port", "0", "--auth", "noauth"),
                "[DEFAULT]\nbind_host = 0.0.0.0\nbind_port = 9393\n[paste_deploy]\nflavor = keystone\n");
        assertThat(settings.http().bindHost()).isEqualTo("127.0.0.2");
        assertThat(settings.http().port()).isZero();
        assertThat(settings.http().authMode()).isEqualTo(AuthMode.NOAUTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10"})
    void refusesNoauthOnAnAddressThatIsNotLoopback(String address) {
        assertThatThrownBy(() -> resolve(List.of("--bind", address), ""))
                .isInstanceOf(RefusedSettingException.class)
                .hasMessageContaining("refusing to serve without authentication (noauth) on " + address)
                .hasMessageContaining("--insecure-noauth");
        assertThatThrownBy(() -> resolve(List.of(), "[DEFAULT]\nbind_host = " + address + "\n"))
                .isInstanceOf(RefusedSettingException.class);
    }

    @Test
    void allowsNoauthOnLoopbackOrWhenForcedAndTrustedHeadersAnywhere() {
        assertThat(resolve(List.of("--bind", "127.0.0.1"), "").http().authMode())
                .isEqualTo(AuthMode.NOAUTH);
        assertThat(resolve(List.of("--bind", "::1"), "").http().authMode()).isEqualTo(AuthMode.NOAUTH);
        assertThat(resolve(List.of("--bind", "localhost"), "").http().authMode())
                .isEqualTo(AuthMode.NOAUTH);
        assertThat(resolve(List.of("--bind", "0.0.0.0", "--insecure-noauth"), "")
                        .http()
                        .bindHost())
                .isEqualTo("0.0.0.0");
        assertThat(resolve(List.of("--bind", "0.0.0.0", "--auth", "trusted-headers"), "")
                        .http()
                        .authMode())
                .isEqualTo(AuthMode.TRUSTED_HEADERS);
    }

    @Test
    void thePasteFlavorChoosesTheModeWhenNoFlagDoes() {
        ServerSettings keystone = resolve(List.of(), "[paste_deploy]\nflavor = keystone\n" + KEYSTONE);
        assertThat(keystone.http().authMode()).isEqualTo(AuthMode.KEYSTONE);
        assertThat(keystone.http().keystone().orElseThrow().authUrl().toString())
                .isEqualTo("http://keystone:5000/v3");
        assertThat(keystone.http().keystone().orElseThrow().wwwAuthenticateUri())
                .isEqualTo("http://keystone:5000/v3");
        assertThat(keystone.http().keystone().orElseThrow().tokenCacheTime()).hasSeconds(300);
        assertThat(keystone.http().keystone().orElseThrow().serviceTokenRoles()).containsExactly("service");
        assertThat(resolve(List.of(), "[paste_deploy]\nflavor = keystone+cachemanagement\n" + KEYSTONE)
                        .http()
                        .authMode())
                .isEqualTo(AuthMode.KEYSTONE);
        assertThatThrownBy(() -> resolve(List.of(), "[paste_deploy]\nflavor = keystone\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("[keystone_authtoken] auth_url is required to validate Keystone tokens");
        assertThatThrownBy(() -> resolve(List.of("--auth", "keystone"), KEYSTONE.replace("password = secret\n", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("[keystone_authtoken] password is required");
        assertThat(resolve(List.of("--auth", "trusted-headers"), "[paste_deploy]\nflavor = keystone\n")
                        .http()
                        .authMode())
                .isEqualTo(AuthMode.TRUSTED_HEADERS);
        assertThat(resolve(List.of(), "[paste_deploy]\nflavor = caching\n")
                        .http()
                        .authMode())
                .isEqualTo(AuthMode.NOAUTH);
        assertThat(resolve(List.of("--bind", "0.0.0.0"), "[paste_deploy]\nflavor = keystone\n" + KEYSTONE)
                        .http()
                        .bindHost())
                .isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> resolve(List.of(), "[paste_deploy]\nflavor = ldap\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid value for [paste_deploy] flavor: 'ldap'");
    }
}
