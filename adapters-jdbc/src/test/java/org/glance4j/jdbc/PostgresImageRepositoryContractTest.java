package org.glance4j.jdbc;

import org.glance4j.ports.testing.ImageRepositoryContractTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The repository contract on a real PostgreSQL server that the test starts itself. One database for the class;
 * before each test its tables are emptied.
 */
class PostgresImageRepositoryContractTest extends ImageRepositoryContractTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static JdbcRepositories repositories;
    private static Jdbi direct;

    @Override
    protected Repositories createRepositories() {
        if (repositories == null) {
            JdbcSettings settings = POSTGRES.server().newDatabase(8);
            repositories = JdbcRepositories.open(settings);
            direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        }
        direct.useHandle(handle -> handle.execute("TRUNCATE image_members, image_tags, image_properties, images"));
        return new Repositories(repositories.images(), repositories.members());
    }

    @AfterAll
    static void close() {
        if (repositories != null) {
            repositories.close();
            repositories = null;
        }
    }
}
