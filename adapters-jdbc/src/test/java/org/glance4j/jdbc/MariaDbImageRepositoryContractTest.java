package org.glance4j.jdbc;

import org.glance4j.ports.testing.ImageRepositoryContractTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The image and member repository contract on a real MariaDB server that the test starts itself. One database for
 * the class; before each test its tables are emptied (DELETE: MariaDB does not TRUNCATE a table that a foreign key
 * refers to).
 */
class MariaDbImageRepositoryContractTest extends ImageRepositoryContractTest {
    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    private static JdbcRepositories repositories;
    private static Jdbi direct;

    @Override
    protected Repositories createRepositories() {
        if (repositories == null) {
            JdbcSettings settings = MARIADB.server().newDatabase(8);
            repositories = JdbcRepositories.open(settings);
            direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        }
        direct.useHandle(handle -> {
            for (String table : new String[] {"image_members", "image_tags", "image_properties", "images"}) {
                handle.execute("DELETE FROM " + table);
            }
        });
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
