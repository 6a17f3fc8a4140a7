package org.glance4j.jdbc;

import org.glance4j.ports.out.SharedNodeSettings;
import org.glance4j.ports.testing.SharedNodeSettingsContractTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared node settings contract on a real PostgreSQL server the test starts; the table is emptied per test. */
class PostgresSharedNodeSettingsContractTest extends SharedNodeSettingsContractTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static JdbcRepositories repositories;
    private static Jdbi direct;

    @Override
    protected SharedNodeSettings createSettings() {
        if (repositories == null) {
            JdbcSettings settings = POSTGRES.server().newDatabase(4);
            repositories = JdbcRepositories.open(settings);
            direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        }
        direct.useHandle(handle -> handle.execute("TRUNCATE shared_node_settings"));
        return repositories.sharedSettings();
    }

    @AfterAll
    static void close() {
        if (repositories != null) {
            repositories.close();
            repositories = null;
        }
    }
}
