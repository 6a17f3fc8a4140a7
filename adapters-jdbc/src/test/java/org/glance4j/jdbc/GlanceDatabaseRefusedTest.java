package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that already holds OpenStack Glance's schema (what an operator's glance-api.conf points at) is refused in
 * one line and left exactly as it was, on SQLite and PostgreSQL. The Glance tables are a subset of what
 * {@code glance-manage db_sync} (Glance 25.1.0) creates: {@code alembic_version} and {@code images} with all of
 * Glance's columns, and {@code image_properties}.
 */
class GlanceDatabaseRefusedTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    /** Glance's tables, column for column as db_sync makes them on SQLite (the types read the same on PostgreSQL). */
    static final List<String> GLANCE_SCHEMA = List.of(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
            "INSERT INTO alembic_version (version_num) VALUES ('2023_1_contract01')",
            "CREATE TABLE images (id VARCHAR(36) NOT NULL PRIMARY KEY, name VARCHAR(255), size BIGINT,"
                    + " status VARCHAR(30) NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP,"
                    + " deleted_at TIMESTAMP, deleted BOOLEAN NOT NULL, disk_format VARCHAR(20),"
                    + " container_format VARCHAR(20), checksum VARCHAR(32), owner VARCHAR(255),"
                    + " min_disk INTEGER NOT NULL, min_ram INTEGER NOT NULL, protected BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " virtual_size BIGINT, visibility VARCHAR(9) DEFAULT 'shared' NOT NULL,"
                    + " os_hidden BOOLEAN DEFAULT FALSE NOT NULL, os_hash_algo VARCHAR(64),"
                    + " os_hash_value VARCHAR(128))",
            "CREATE TABLE image_properties (id INTEGER NOT NULL PRIMARY KEY, image_id VARCHAR(36) NOT NULL,"
                    + " name VARCHAR(255) NOT NULL, value TEXT, created_at TIMESTAMP NOT NULL,"
                    + " updated_at TIMESTAMP, deleted_at TIMESTAMP, deleted BOOLEAN NOT NULL)",
            "INSERT INTO images (id, name, status, created_at, deleted, min_disk, min_ram)"
                    + " VALUES ('b6a1e0b2-0c0e-4a49-8c53-0d1e3a9f6b21', 'cirros', 'active', CURRENT_TIMESTAMP,"
                    + " FALSE, 0, 0)");

    @TempDir
    Path dir;

    @Test
    void aGlanceSqliteFileIsRefusedInOneLineAndLeftUntouched() throws Exception {
        Path file = dir.resolve("glance.sqlite");
        Jdbi.create("jdbc:sqlite:" + file).useHandle(h -> GLANCE_SCHEMA.forEach(h::execute));
        String before = sha256(file);

        assertThatThrownBy(() -> JdbcRepositories.open(new JdbcSettings("jdbc:sqlite:" + file, null, null, 4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the SQLite file " + file + " holds an OpenStack Glance schema")
                .hasMessageContaining("leaves it untouched")
                .hasMessageContaining("database of its own")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("CREATE");

        assertThat(sha256(file)).as("the file's bytes").isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no journal or WAL beside it").containsExactly(file);
        }
    }

    @Test
    void aGlancePostgresDatabaseIsRefusedAndLeftUntouched() {
        JdbcSettings settings = POSTGRES.server().newDatabase(4);
        Jdbi direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        direct.useHandle(h -> GLANCE_SCHEMA.forEach(h::execute));
        List<String> before = tables(direct);

        assertThatThrownBy(() -> JdbcRepositories.open(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds an OpenStack Glance schema")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("CREATE");

        assertThat(tables(direct)).isEqualTo(before).doesNotContain("schema_version");
    }

    @Test
    void otherTablesNamedLikeGlance4jsAreRefusedToo() {
        Path file = dir.resolve("other.sqlite");
        Jdbi.create("jdbc:sqlite:" + file).useHandle(h -> h.execute("CREATE TABLE tasks (what TEXT)"));

        assertThatThrownBy(() -> JdbcRepositories.open(new JdbcSettings("jdbc:sqlite:" + file, null, null, 4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has tables that glance4j did not create (tasks)");
    }

    @Test
    void glance4jsOwnDatabaseAndAnEmptyOneOpenAsBefore() {
        Path file = dir.resolve("mine.sqlite");
        JdbcSettings settings = new JdbcSettings("jdbc:sqlite:" + file, null, null, 4);
        try (JdbcRepositories fresh = JdbcRepositories.open(settings)) {
            assertThat(fresh.schemaVersion()).isPositive();
        }
        try (JdbcRepositories again = JdbcRepositories.open(settings)) {
            assertThat(again.schemaVersion()).isPositive();
        }
        Path unrelated = dir.resolve("unrelated.sqlite");
        Jdbi.create("jdbc:sqlite:" + unrelated).useHandle(h -> h.execute("CREATE TABLE notes (what TEXT)"));
        try (JdbcRepositories shared =
                JdbcRepositories.open(new JdbcSettings("jdbc:sqlite:" + unrelated, null, null, 4))) {
            assertThat(shared.schemaVersion()).isPositive();
        }
    }

    private static List<String> tables(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = current_schema() ORDER BY table_name")
                .mapTo(String.class)
                .list());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
