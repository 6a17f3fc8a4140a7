package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.glance4j.bootstrap.cli.ServeCommand;
import org.glance4j.bootstrap.cli.ServeOptions;
import org.glance4j.http.AuthMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

/** The flags of {@code serve}, parsed by picocli into {@link ServeOptions}. */
class ServeCommandTest {

    @Test
    void noFlagsLeaveEverythingToTheFileAndDefaults() {
        ServeOptions options = ServeCommand.parse(List.of());
        assertThat(options)
                .isEqualTo(new ServeOptions(
                        Optional.empty(),
                        Optional.empty(),
                        Path.of("data"),
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        false));
    }

    @Test
    void readsEveryFlagWithSeparateValues() {
        ServeOptions options = ServeCommand.parse(List.of(
                "--bind",
                "0.0.0.0",
                "--port",
                "0",
                "--data-dir",
                "/var/lib/glance4j",
                "--auth",
                "trusted-headers",
                "--config",
                "/etc/glance/glance-api.conf",
                "--insecure-noauth"));
        assertThat(options)
                .isEqualTo(new ServeOptions(
                        Optional.of("0.0.0.0"),
                        Optional.of(0),
                        Path.of("/var/lib/glance4j"),
                        Optional.of(AuthMode.TRUSTED_HEADERS),
                        Optional.of(Path.of("/etc/glance/glance-api.conf")),
                        true,
                        false));
    }

    @Test
    void readsFlagsWithEqualsSigns() {
        ServeOptions options =
                ServeCommand.parse(List.of("--bind=::1", "--port=9393", "--auth=noauth", "--data-dir=/d"));
        assertThat(options.bind()).contains("::1");
        assertThat(options.port()).contains(9393);
        assertThat(options.auth()).contains(AuthMode.NOAUTH);
        assertThat(options.dataDir()).isEqualTo(Path.of("/d"));
    }

    @Test
    void readsTheMetricsPortAndRefusesOneOutOfRange() {
        assertThat(ServeCommand.parse(List.of("--metrics-port", "9393")).metricsPort())
                .contains(9393);
        assertThat(ServeCommand.parse(List.of("--metrics-port=0")).metricsPort())
                .contains(0);
        assertThat(ServeCommand.parse(List.of()).metricsPort()).isEmpty();
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--metrics-port", "65536")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--metrics-port")
                .hasMessageContaining("must be a number from 0 to 65535, not '65536'");
    }

    @Test
    void recognisesHelp() {
        assertThat(ServeCommand.parse(List.of("--help")).help()).isTrue();
        assertThat(ServeCommand.parse(List.of("-h")).help()).isTrue();
        assertThat(ServeCommand.parse(List.of("--port", "1")).help()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--port|abc|must be a number from 0 to 65535, not 'abc'",
                "--port|65536|must be a number from 0 to 65535, not '65536'",
                "--port|-1|must be a number from 0 to 65535, not '-1'",
                "--auth|ldap|must be noauth, trusted-headers or keystone, not 'ldap'",
                "--frobnicate|1|--frobnicate",
            })
    void refusesBadValuesAndUnknownFlags(String flag, String value, String message) {
        assertThatThrownBy(() -> ServeCommand.parse(List.of(flag, value)))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesMissingValuesRepeatsAndStrayArguments() {
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--port")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--bind", "--port", "1")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--bind");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--data-dir=")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--data-dir");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--port", "1", "--port=2")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--port")
                .hasMessageContaining("only once");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("extra")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("'extra'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--insecure-noauth=yes")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--insecure-noauth");
    }
}
