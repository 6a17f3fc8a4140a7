package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.config.OperationsConfig;
import org.junit.jupiter.api.Test;

/** {@code [healthcheck] disable_by_file_path} and glance4j's metrics and log options. */
class OperationsConfigTest {

    static final String FULL_OPERATIONS = String.join(
            "\n",
            "[DEFAULT]",
            "image_verify_interval = 86400",
            "image_verify_rate_mib = 20",
            "tus_upload_expiry = 3600",
            "[healthcheck]",
            "disable_by_file_path = /etc/glance/healthcheck_disable",
            "[glance4j]",
            "metrics_port = 9393",
            "metrics_bind_host = 10.0.0.5",
            "log_format = JSON",
            "access_log = false",
            "");

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), Path.of("/srv/glance"));
    }

    @Test
    void noDisableFileNoMetricsTextLogsAndARequestLogByDefault() {
        assertThat(load("").operations()).isEqualTo(OperationsConfig.defaults());
        assertThat(OperationsConfig.defaults().accessLog()).isTrue();
        assertThat(OperationsConfig.defaults().logFormat()).isEqualTo(OperationsConfig.LogFormat.TEXT);
    }

    @Test
    void theOptionsAreRead() {
        LoadedConfig config = load(FULL_OPERATIONS);
        assertThat(config.operations())
                .isEqualTo(new OperationsConfig(
                        Optional.of(Path.of("/etc/glance/healthcheck_disable")),
                        Optional.of(9393),
                        Optional.of("10.0.0.5"),
                        OperationsConfig.LogFormat.JSON,
                        false,
                        java.time.Duration.ofDays(1),
                        20,
                        java.time.Duration.ofHours(1)));
        assertThat(config.ignored()).isEmpty();
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> load("[glance4j]\nmetrics_port = 70000\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("metrics_port");
        assertThatThrownBy(() -> load("[glance4j]\nlog_format = xml\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("log_format")
                .hasMessageContaining("text or json");
        assertThatThrownBy(() -> load("[DEFAULT]\nimage_verify_interval = -1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("image_verify_interval");
        assertThatThrownBy(() -> load("[DEFAULT]\ntus_upload_expiry = 59\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tus_upload_expiry");
        assertThatThrownBy(() -> load("[DEFAULT]\nimage_verify_rate_mib = fast\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("image_verify_rate_mib");
    }

    @Test
    void noPeriodicVerificationAndFiftyMibPerSecondByDefault() {
        assertThat(OperationsConfig.defaults().verifyInterval()).isZero();
        assertThat(OperationsConfig.defaults().verifyRateMib()).isEqualTo(50);
    }

    @Test
    void resumableUploadsExpireAfterADayByDefault() {
        assertThat(OperationsConfig.defaults().tusUploadExpiry()).isEqualTo(java.time.Duration.ofDays(1));
    }
}
