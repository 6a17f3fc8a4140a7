package org.glance4j.jdbc;

import org.glance4j.ports.out.cache.CachedImageRecords;
import org.glance4j.ports.testing.CachedImageRecordsContractTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The image cache records contract on a real PostgreSQL server the test starts; the tables are emptied per test. */
class PostgresCachedImageRecordsContractTest extends CachedImageRecordsContractTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static JdbcRepositories repositories;
    private static Jdbi direct;

    @Override
    protected CachedImageRecords createRecords() {
        if (repositories == null) {
            JdbcSettings settings = POSTGRES.server().newDatabase(4);
            repositories = JdbcRepositories.open(settings);
            direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        }
        direct.useHandle(handle -> handle.execute("TRUNCATE cached_images, cache_queue"));
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
