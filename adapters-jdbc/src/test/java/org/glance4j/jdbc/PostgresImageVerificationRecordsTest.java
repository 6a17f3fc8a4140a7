package org.glance4j.jdbc;

import org.glance4j.ports.out.ImageVerificationRepository;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The verification results on a real PostgreSQL server the test starts; the table is emptied per test. */
class PostgresImageVerificationRecordsTest extends ImageVerificationRecordsContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static JdbcRepositories repositories;
    private static Jdbi direct;

    @Override
    protected ImageVerificationRepository repository() {
        if (repositories == null) {
            JdbcSettings settings = POSTGRES.server().newDatabase(4);
            repositories = JdbcRepositories.open(settings);
            direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        }
        direct.useHandle(handle -> handle.execute("DELETE FROM image_verifications"));
        return repositories.verifications();
    }

    @AfterAll
    static void close() {
        if (repositories != null) {
            repositories.close();
            repositories = null;
        }
    }
}
