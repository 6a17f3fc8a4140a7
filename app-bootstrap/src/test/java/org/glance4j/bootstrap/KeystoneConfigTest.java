package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.KeystoneConfig;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.http.KeystoneSettings;
import org.junit.jupiter.api.Test;

/** The {@code [keystone_authtoken]} options: defaults, values, refusals. */
class KeystoneConfigTest {

    /** Every [keystone_authtoken] option glance4j reads, each set to something other than its default. */
    static final String FULL_KEYSTONE = String.join(
            "\n",
            "[keystone_authtoken]",
            "www_authenticate_uri = https://keystone.example.com:5000",
            "auth_url = http://keystone.internal:5000",
            "auth_type = password",
            "username = glance",
            "password = s3cret",
            "project_name = services",
            "user_domain_name = Users",
            "project_domain_name = Projects",
            "region_name = RegionTwo",
            "token_cache_time = 60",
            "service_token_roles = service, nova",
            "service_token_roles_required = true",
            "http_connect_timeout = 3",
            "http_request_max_retries = 1",
            "memcache_servers = 127.0.0.1:11211",
            "");

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), Path.of("/srv/glance"));
    }

    @Test
    void theFileSetsEachOfThem() {
        LoadedConfig loaded = load(FULL_KEYSTONE);
        assertThat(loaded.ignored()).isEmpty();
        KeystoneConfig keystone = loaded.keystone();
        assertThat(keystone.memcacheServers()).hasValue("127.0.0.1:11211");
        assertThat(keystone.regionName()).hasValue("RegionTwo");
        assertThat(keystone.toSettings())
                .isEqualTo(new KeystoneSettings(
                        URI.create("http://keystone.internal:5000"),
                        "https://keystone.example.com:5000",
                        "glance",
                        "s3cret",
                        "Users",
                        "services",
                        "Projects",
                        "RegionTwo",
                        Duration.ofSeconds(60),
                        List.of("service", "nova"),
                        true,
                        Duration.ofSeconds(3),
                        1,
                        KeystoneSettings.DEFAULT_CACHE_SIZE));
    }

    @Test
    void defaultsAreKeystonemiddlewaresAndWwwAuthenticateUriFallsBackToAuthUrl() {
        KeystoneSettings settings = load(String.join(
                        "\n",
                        "[keystone_authtoken]",
                        "auth_url = http://ks:5000/v3",
                        "username = glance",
                        "password = pw",
                        ""))
                .keystone()
                .toSettings();
        assertThat(settings.wwwAuthenticateUri()).isEqualTo("http://ks:5000/v3");
        assertThat(settings.tokenCacheTime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.serviceTokenRoles()).containsExactly("service");
        assertThat(settings.serviceTokenRolesRequired()).isFalse();
        assertThat(settings.projectName()).isEqualTo("service");
        assertThat(settings.userDomainName()).isEqualTo("Default");
        assertThat(settings.projectDomainName()).isEqualTo("Default");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(load("[keystone_authtoken]\ntoken_cache_time = -1\n")
                        .keystone()
                        .tokenCacheTime())
                .isEqualTo(Duration.ZERO);
        assertThat(load("").keystone().authUrl()).isEqualTo(Optional.empty());
    }

    @Test
    void valuesThatDoNotParseStopTheStartNamingTheOption() {
        assertThatThrownBy(() -> load("[keystone_authtoken]\nauth_type = token\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid value for [keystone_authtoken] auth_type (glance-api.conf, line 2)");
        assertThatThrownBy(() -> load("[keystone_authtoken]\nauth_url = ftp://keystone\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[keystone_authtoken] auth_url")
                .hasMessageContaining("http or https URL");
        assertThatThrownBy(() -> load("[keystone_authtoken]\ntoken_cache_time = soon\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[keystone_authtoken] token_cache_time");
        assertThatThrownBy(() -> load("[keystone_authtoken]\nhttp_connect_timeout = 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http_connect_timeout");
        assertThatThrownBy(() -> load("[keystone_authtoken]\nservice_token_roles_required = maybe\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("service_token_roles_required");
    }
}
