package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.http.ConnectionLimits;
import org.junit.jupiter.api.Test;

/**
 * {@code [DEFAULT] client_socket_timeout} (Glance's) and glance4j's own {@code [glance4j] request_header_timeout}
 * and {@code max_client_connections}: defaults, values, refusals.
 */
class ConnectionLimitsConfigTest {

    /** Every connection option, each set to something other than its default. */
    static final String FULL_CONNECTIONS = String.join(
            "\n",
            "[DEFAULT]",
            "client_socket_timeout = 30",
            "[glance4j]",
            "request_header_timeout = 5",
            "max_client_connections = 200",
            "");

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), Path.of("/srv/glance"));
    }

    @Test
    void defaultsAreGlancesSocketTimeoutAMinuteForHeadersAndTheOpenFileLimitsCap() {
        ConnectionLimits limits = load("").connections();
        assertThat(limits.clientSocketTimeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(limits.requestHeaderTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(limits.maxConnections())
                .isEqualTo(ConnectionLimits.defaultMaxConnections())
                .isBetween(16, 4096);
        assertThat(load("").ignored()).isEmpty();
    }

    @Test
    void theFileSetsEachOfThem() {
        LoadedConfig config = load(FULL_CONNECTIONS);
        assertThat(config.connections())
                .isEqualTo(new ConnectionLimits(Duration.ofSeconds(30), Duration.ofSeconds(5), 200));
        assertThat(config.ignored()).isEmpty();
    }

    @Test
    void zeroWaitsForEverAsInGlance() {
        ConnectionLimits limits = load("[DEFAULT]\nclient_socket_timeout = 0\n[glance4j]\nrequest_header_timeout = 0\n")
                .connections();
        assertThat(limits.clientSocketTimeout()).isZero();
        assertThat(limits.requestHeaderTimeout()).isZero();
    }

    @Test
    void badValuesStopTheStartNamingTheOption() {
        assertThatThrownBy(() -> load("[DEFAULT]\nclient_socket_timeout = -1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[DEFAULT] client_socket_timeout")
                .hasMessageContaining("between 0 and");
        assertThatThrownBy(() -> load("[glance4j]\nmax_client_connections = 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[glance4j] max_client_connections");
        assertThatThrownBy(() -> load("[glance4j]\nrequest_header_timeout = soon\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[glance4j] request_header_timeout");
    }
}
