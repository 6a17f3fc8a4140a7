package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.OsloLimitConfig;
import org.glance4j.http.KeystoneLimitsSettings;
import org.junit.jupiter.api.Test;

/** {@code [DEFAULT] use_keystone_limits} and the {@code [oslo_limit]} options: defaults, values, refusals. */
class OsloLimitConfigTest {

    /** Every option of unified limits glance4j reads, each set to something other than its default. */
    static final String FULL_LIMITS = String.join(
            "\n",
            "[DEFAULT]",
            "use_keystone_limits = True",
            "[oslo_limit]",
            "endpoint_id = e1",
            "endpoint_service_type = image",
            "endpoint_service_name = glance",
            "endpoint_region_name = RegionTwo",
            "endpoint_interface = internal",
            "auth_type = v3password",
            "auth_url = http://keystone:5000",
            "username = glance",
            "user_id = u1",
            "password = s3cret",
            "user_domain_name = Users",
            "user_domain_id = d1",
            "system_scope = all",
            "project_name = service",
            "project_id = p1",
            "project_domain_name = Projects",
            "project_domain_id = d2",
            "region_name = RegionTwo",
            "timeout = 3",
            "connect_retries = 1",
            "");

    @Test
    void theFullFileReachesTheSettings() {
        KeystoneLimitsSettings settings = ConfigLoader.load(IniParser.parse("glance-api.conf", FULL_LIMITS))
                .limits()
                .toSettings()
                .orElseThrow();

        assertThat(settings.userId()).isEqualTo("u1");
        assertThat(settings.userDomainName()).isEqualTo("Users");
        assertThat(settings.projectId()).isEqualTo("p1");
        assertThat(settings.projectDomainName()).isEqualTo("Projects");
        assertThat(settings.projectDomainId()).isEqualTo("d2");
        assertThat(settings.endpointServiceName()).isEqualTo("glance");
    }

    private static OsloLimitConfig load(String... lines) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", String.join("\n", lines) + "\n"))
                .limits();
    }

    @Test
    void offByDefaultWithNothingToRead() {
        OsloLimitConfig limits = load("[DEFAULT]", "bind_port = 9292");

        assertThat(limits.enabled()).isFalse();
        assertThat(limits.toSettings()).isEmpty();
    }

    @Test
    void everyOptionReachesTheSettingsWhenOn() {
        KeystoneLimitsSettings settings = load(
                        "[DEFAULT]",
                        "use_keystone_limits = True",
                        "[oslo_limit]",
                        "auth_url = http://keystone:5000",
                        "auth_type = password",
                        "username = glance",
                        "password = s3cret",
                        "user_domain_id = default",
                        "system_scope = all",
                        "project_name = service",
                        "endpoint_id = e1",
                        "endpoint_service_type = image",
                        "endpoint_region_name = RegionTwo",
                        "endpoint_interface = internal",
                        "timeout = 3",
                        "connect_retries = 1",
                        "region_name = RegionTwo")
                .toSettings()
                .orElseThrow();

        assertThat(settings.authUrl()).isEqualTo(URI.create("http://keystone:5000"));
        assertThat(settings.username()).isEqualTo("glance");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.userDomainId()).isEqualTo("default");
        assertThat(settings.systemScope()).isEqualTo("all");
        assertThat(settings.endpointId()).isEqualTo("e1");
        assertThat(settings.endpointServiceType()).isEqualTo("image");
        assertThat(settings.endpointRegionName()).isEqualTo("RegionTwo");
        assertThat(settings.endpointInterface()).isEqualTo("internal");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.connectRetries()).isEqualTo(1);
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void aMissingRequiredOptionIsNamedWhenOn() {
        assertThatThrownBy(() -> load(
                                "[DEFAULT]",
                                "use_keystone_limits = true",
                                "[oslo_limit]",
                                "auth_url = http://keystone:5000",
                                "username = glance",
                                "password = x")
                        .toSettings())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[oslo_limit] endpoint_id");
        assertThatThrownBy(() -> load(
                                "[DEFAULT]",
                                "use_keystone_limits = true",
                                "[oslo_limit]",
                                "username = glance",
                                "password = x",
                                "endpoint_id = e")
                        .toSettings())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[oslo_limit] auth_url");
    }

    @Test
    void valuesThatDoNotParseAreNamed() {
        assertThatThrownBy(() -> load("[oslo_limit]", "system_scope = domain"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("system_scope");
        assertThatThrownBy(() -> load("[oslo_limit]", "auth_type = token"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth_type");
        assertThatThrownBy(() -> load("[DEFAULT]", "use_keystone_limits = maybe"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("use_keystone_limits");
    }
}
