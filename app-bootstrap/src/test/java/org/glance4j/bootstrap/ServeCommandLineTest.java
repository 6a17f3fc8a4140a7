package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.glance4j.bootstrap.cli.ServeCommandLine;
import org.glance4j.bootstrap.cli.ServeOptions;
import org.glance4j.bootstrap.cli.UsageException;
import org.glance4j.http.AuthMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServeCommandLineTest {

    @Test
    void noFlagsLeaveEverythingToTheFileAndDefaults() {
        ServeOptions options = ServeCommandLine.parse(List.of());
        assertThat(options).isEqualTo(new ServeOptions(Optional.empty(), Optional.empty(), Path.of("data"),
                Optional.empty(), Optional.empty(), false, false));
    }

    @Test
    void readsEveryFlagWithSeparateValues() {
        ServeOptions options = ServeCommandLine.parse(List.of("--bind", "0.0.0.0", "--port", "0", "--data-dir",
                "/var/lib/glance4j", "--auth", "trusted-headers", "--config", "/etc/glance/glance-api.conf",
                "--insecure-noauth"));
        assertThat(options).isEqualTo(new ServeOptions(Optional.of("0.0.0.0"), Optional.of(0),
                Path.of("/var/lib/glance4j"), Optional.of(AuthMode.TRUSTED_HEADERS),
                Optional.of(Path.of("/etc/glance/glance-api.conf")), true, false));
    }

    @Test
    void readsFlagsWithEqualsSigns() {
        ServeOptions options = ServeCommandLine.parse(List.of("--bind=::1", "--port=9393", "--auth=noauth"));
        assertThat(options.bind()).contains("::1");
        assertThat(options.port()).contains(9393);
        assertThat(options.auth()).contains(AuthMode.NOAUTH);
    }

    @Test
    void readsTheMetricsPortAndRefusesOneOutOfRange() {
        assertThat(ServeCommandLine.parse(List.of("--metrics-port", "9393")).metricsPort()).contains(9393);
        assertThat(ServeCommandLine.parse(List.of("--metrics-port=0")).metricsPort()).contains(0);
        assertThat(ServeCommandLine.parse(List.of()).metricsPort()).isEmpty();
        assertThatThrownBy(() -> ServeCommandLine.parse(List.of("--metrics-port", "65536")))
                .isInstanceOf(UsageException.class).hasMessage("--metrics-port must be a number from 0 to 65535, not '65536'");
    }

    @Test
    void recognisesHelp() {
        assertThat(ServeCommandLine.parse(List.of("--help")).help()).isTrue();
        assertThat(ServeCommandLine.parse(List.of("-h")).help()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port|abc|--port must be a number from 0 to 65535, not 'abc'",
        "--port|65536|--port must be a number from 0 to 65535, not '65536'",
        "--port|-1|--port must be a number from 0 to 65535, not '-1'",
        "--auth|ldap|--auth must be noauth, trusted-headers or keystone, not 'ldap'",
        "--frobnicate|1|unknown option --frobnicate",
    })
    void refusesBadValuesAndUnknownFlags(String flag, String value, String message) {
        assertThatThrownBy(() -> ServeCommandLine.parse(List.of(flag, value)))
                .isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void refusesMissingValuesRepeatsAndStrayArguments() {
        assertThatThrownBy(() -> ServeCommandLine.parse(List.of("--port")))
                .isInstanceOf(UsageException.class).hasMessage("--port needs a value");
        assertThatThrownBy(() -> ServeCommandLine.parse(List.of("--bind", "--port", "1")))
                .hasMessage("--bind needs a value");
        assertThatThrownBy(() -> ServeCommandLine.parse(List.of("--data-dir=")))
                .hasMessage("--data-dir needs a value");
        assertThatThrownBy(() -> ServeCommandLine.parse(List.of("--port", "1", "--port=2")))
                .hasMessage("--port is given more than once");
        assertThatThrownBy(() -> ServeCommandLine.parse(List.of("extra")))
                .hasMessage("unexpected argument 'extra'");
        assertThatThrownBy(() -> ServeCommandLine.parse(List.of("--insecure-noauth=yes")))
                .hasMessage("--insecure-noauth takes no value");
    }
}
