package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.junit.jupiter.api.Test;

/** {@code [glance4j] node_lease_seconds}: 60 s by default, at least 3. */
class NodeLeaseConfigTest {

    static final String FULL_LEASE = String.join("\n", "[glance4j]", "node_lease_seconds = 5", "");

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), Path.of("/srv/glance"));
    }

    @Test
    void aMinuteByDefault() {
        assertThat(load("").nodeLease()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theOptionSetsTheLease() {
        LoadedConfig config = load(FULL_LEASE);
        assertThat(config.nodeLease()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.ignored()).isEmpty();
    }

    @Test
    void lessThanThreeSecondsIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> load("[glance4j]\nnode_lease_seconds = 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("node_lease_seconds");
    }
}
