package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes on one PostgreSQL database must share their stores, hashing algorithm and policy: the first node records
 * them, a later node that differs is refused naming each option, and {@code db accept-node-config} changes them on
 * purpose. On SQLite (one node) a restart with other values is accepted.
 */
class SharedNodeConfigTest {

    private static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private Path config(String name, JdbcSettings database, String extra) throws IOException {
        Path config = dir.resolve(name + ".conf");
        Files.writeString(
                config,
                "[DEFAULT]\n" + extra + "\n[database]\nconnection = postgresql://" + database.user() + "@"
                        + database.jdbcUrl().substring("jdbc:postgresql://".length()) + "\n");
        return config;
    }

    private GlanceApplication start(String node, Path config) {
        return GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve(node).toString(),
                "--config",
                config.toString()));
    }

    @Test
    void aNodeWithAnotherHashingAlgorithmOrOtherStoresIsRefusedNamingEachOption() throws IOException {
        JdbcSettings database = postgres.newDatabase(4);
        Path first = config(
                "first",
                database,
                "hashing_algorithm = sha512\nenabled_backends = fast:file, slow:file\n"
                        + "[glance_store]\ndefault_backend = fast\n[fast]\n[slow]");
        Path otherHash = config(
                "other-hash",
                database,
                "hashing_algorithm = sha256\n"
                        + "enabled_backends = fast:file, slow:file\n[glance_store]\ndefault_backend = fast\n[fast]\n[slow]");
        Path otherStores = config(
                "other-stores",
                database,
                "hashing_algorithm = sha512\n"
                        + "enabled_backends = fast:file\n[glance_store]\ndefault_backend = fast\n[fast]");
        Path same = config(
                "same",
                database,
                "hashing_algorithm = sha512\nenabled_backends = slow:file, fast:file\n"
                        + "[glance_store]\ndefault_backend = fast\n[fast]\n[slow]");

        try (GlanceApplication a = start("a", first)) {
            assertThatThrownBy(() -> start("b", otherHash))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(
                            "[DEFAULT] hashing_algorithm: this node has 'sha256', the database " + "records 'sha512'")
                    .hasMessageNotContaining("the stores")
                    .hasMessageContaining("glance4j db accept-node-config");
            assertThatThrownBy(() -> start("c", otherStores))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("the stores ([DEFAULT] enabled_backends, or [glance_store] stores): this "
                            + "node has 'fast:file', the database records 'fast:file, slow:file'")
                    .hasMessageNotContaining("hashing_algorithm");
            try (GlanceApplication d = start("d", same)) {
                assertThat(d.port()).isNotEqualTo(a.port());
            }
        }
    }

    @Test
    void theRefusedServeExitsWithAFailureAndSaysWhy() throws IOException {
        JdbcSettings database = postgres.newDatabase(4);
        Path first = config("first", database, "hashing_algorithm = sha512");
        Path other = config("other", database, "hashing_algorithm = md5");
        try (GlanceApplication a = start("a", first)) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
            Main.Started started = Main.run(
                    List.of(
                            "serve",
                            "--bind",
                            "127.0.0.1",
                            "--port",
                            "0",
                            "--data-dir",
                            dir.resolve("b").toString(),
                            "--config",
                            other.toString()),
                    stream,
                    stream);

            assertThat(started.application()).isNull();
            assertThat(started.status()).isEqualTo(Main.START_FAILURE);
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("[DEFAULT] hashing_algorithm: this node has 'md5', the database records 'sha512'");
        }
    }

    @Test
    void acceptNodeConfigRecordsTheNewValuesSoThatNodesWithTheOldOnesAreRefused() throws IOException {
        JdbcSettings database = postgres.newDatabase(4);
        Path old = config("old", database, "hashing_algorithm = sha512");
        Path changed = config("changed", database, "hashing_algorithm = sha256");
        start("a", old).close();
        assertThatThrownBy(() -> start("a", changed))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hashing_algorithm");

        String printed = DbCommand.run(
                "accept-node-config", "--data-dir", dir.resolve("a").toString(), "--config", changed.toString());

        assertThat(printed).contains("recorded [DEFAULT] hashing_algorithm: sha256");
        start("a", changed).close();
        assertThatThrownBy(() -> start("b", old))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("this node has 'sha512', the database records 'sha256'");
    }

    @Test
    void aPolicyThatDiffersIsRefused() throws IOException {
        JdbcSettings database = postgres.newDatabase(4);
        Path policyA = dir.resolve("a-policy.yaml");
        Files.writeString(policyA, "\"delete_image\": \"role:admin\"\n");
        Path policyB = dir.resolve("b-policy.yaml");
        Files.writeString(policyB, "\"delete_image\": \"\"\n");
        Path first = config("first", database, "[oslo_policy]\npolicy_file = " + policyA);
        Path other = config("other", database, "[oslo_policy]\npolicy_file = " + policyB);
        try (GlanceApplication a = start("a", first)) {
            assertThatThrownBy(() -> start("b", other))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("the policy ([oslo_policy] policy_file and [DEFAULT] "
                            + "property_protection_file), as a SHA-256 of its effective rules: this node has "
                            + "'sha256:");
        }
    }

    @Test
    void onSqliteARestartWithAnotherHashingAlgorithmIsAccepted() throws IOException {
        Path sha512 = dir.resolve("sha512.conf");
        Files.writeString(sha512, "[DEFAULT]\nhashing_algorithm = sha512\n");
        Path sha256 = dir.resolve("sha256.conf");
        Files.writeString(sha256, "[DEFAULT]\nhashing_algorithm = sha256\n");

        start("single", sha512).close();
        try (GlanceApplication again = start("single", sha256)) {
            assertThat(again.port()).isPositive();
        }
    }
}
