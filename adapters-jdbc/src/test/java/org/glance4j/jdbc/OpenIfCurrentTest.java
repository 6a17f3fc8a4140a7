package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.glance4j.ports.model.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcRepositories#openIfCurrent}: reading a database that is there, changing nothing. */
class OpenIfCurrentTest {

    @TempDir
    Path dir;

    @Test
    void aMissingSqliteFileIsNotCreated() {
        Path file = dir.resolve("glance.sqlite");
        assertThat(JdbcRepositories.openIfCurrent(JdbcSettings.sqlite(file, 2))).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void aDatabaseWithoutGlance4jsSchemaIsNotMigrated() throws Exception {
        Path file = dir.resolve("other.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE unrelated (x INTEGER)");
        }
        assertThat(JdbcRepositories.openIfCurrent(JdbcSettings.sqlite(file, 2))).isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version'")
                            .getInt(1))
                    .as("no schema was created")
                    .isZero();
        }
    }

    @Test
    void aMigratedDatabaseIsReadAsItIs() {
        Path file = dir.resolve("glance.sqlite");
        JdbcSettings settings = JdbcSettings.sqlite(file, 2);
        try (JdbcRepositories db = JdbcRepositories.open(settings)) {
            db.images()
                    .add(Image.builder("0a000000-0000-4000-8000-000000000001", Instant.EPOCH)
                            .name("x")
                            .build());
        }
        Optional<JdbcRepositories> opened = JdbcRepositories.openIfCurrent(settings);
        assertThat(opened).isPresent();
        try (JdbcRepositories db = opened.get()) {
            assertThat(db.images()
                            .find("0a000000-0000-4000-8000-000000000001")
                            .orElseThrow()
                            .name())
                    .isEqualTo("x");
        }
        assertThat(Files.exists(file)).isTrue();
    }
}
