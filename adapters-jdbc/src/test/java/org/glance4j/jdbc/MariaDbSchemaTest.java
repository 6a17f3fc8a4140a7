package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.glance4j.ports.model.Image;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schema on MariaDB: migrations run once however many processes open a fresh database at once (a named lock
 * where PostgreSQL has an advisory lock), and a database holding OpenStack Glance's tables is refused in one line and
 * left as it was, as on SQLite and PostgreSQL.
 */
class MariaDbSchemaTest {
    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    @Test
    void openingTwiceMigratesOnceAndKeepsTheData() {
        JdbcSettings settings = MARIADB.server().newDatabase(2);
        try (JdbcRepositories first = JdbcRepositories.open(settings)) {
            first.images().add(Image.builder("kept", Instant.now()).build());
        }
        try (JdbcRepositories second = JdbcRepositories.open(settings)) {
            assertThat(second.schemaVersion()).isEqualTo(SchemaMigrationTest.NEWEST);
            assertThat(second.images().find("kept")).isPresent();
        }
        assertThat(SchemaMigrationTest.appliedVersions(settings))
                .containsExactlyElementsOf(SchemaMigrationTest.ALL_VERSIONS);
    }

    @Test
    void threadsOpeningAFreshDatabaseAtOnceAllSucceedAndMigrateOnce() throws Exception {
        JdbcSettings settings = MARIADB.server().newDatabase(2);
        SchemaMigrationTest.openConcurrently(settings, 4);
        assertThat(SchemaMigrationTest.appliedVersions(settings))
                .containsExactlyElementsOf(SchemaMigrationTest.ALL_VERSIONS);
    }

    @Test
    void aGlanceDatabaseIsRefusedAndLeftUntouched() {
        JdbcSettings settings = MARIADB.server().newDatabase(4);
        Jdbi direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        direct.useHandle(h -> GlanceDatabaseRefusedTest.GLANCE_SCHEMA.forEach(h::execute));
        List<String> before = tables(direct);

        assertThatThrownBy(() -> JdbcRepositories.open(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the database " + settings.jdbcUrl() + " holds an OpenStack Glance schema")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("CREATE");

        assertThat(tables(direct))
                .isEqualTo(before)
                .containsExactlyInAnyOrder("alembic_version", "image_properties", "images");
    }

    @Test
    void tablesOfAnotherApplicationInADatabaseOfTheSameServerDoNotMatter() {
        JdbcSettings glances = MARIADB.server().newDatabase(1);
        Jdbi.create(glances.jdbcUrl(), glances.user(), glances.password())
                .useHandle(h -> GlanceDatabaseRefusedTest.GLANCE_SCHEMA.forEach(h::execute));
        JdbcSettings mine = MARIADB.server().newDatabase(1);

        try (JdbcRepositories repositories = JdbcRepositories.open(mine)) {
            assertThat(repositories.schemaVersion()).isEqualTo(SchemaMigrationTest.NEWEST);
        }
    }

    private static List<String> tables(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() ORDER BY table_name")
                .mapTo(String.class)
                .list());
    }
}
