package org.glance4j.jdbc;

import org.glance4j.ports.out.cache.CachedImageRecords;
import org.glance4j.ports.testing.CachedImageRecordsContractTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The image cache records contract on a real MariaDB server the test starts; the tables are emptied per test. */
class MariaDbCachedImageRecordsContractTest extends CachedImageRecordsContractTest {
    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    private static JdbcRepositories repositories;
    private static Jdbi direct;

    @Override
    protected CachedImageRecords createRecords() {
        if (repositories == null) {
            JdbcSettings settings = MARIADB.server().newDatabase(4);
            repositories = JdbcRepositories.open(settings);
            direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        }
        direct.useHandle(handle -> {
            handle.execute("DELETE FROM cached_images");
            handle.execute("DELETE FROM cache_queue");
        });
        return repositories.cacheRecords();
    }

    @AfterAll
    static void close() {
        if (repositories != null) {
            repositories.close();
            repositories = null;
        }
    }
}
