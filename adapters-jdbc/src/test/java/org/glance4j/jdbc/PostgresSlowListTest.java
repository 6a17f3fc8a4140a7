package org.glance4j.jdbc;

import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SlowListContract} on a PostgreSQL server the test starts. */
class PostgresSlowListTest extends SlowListContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    JdbcSettings newDatabase(int poolSize) throws Exception {
        return POSTGRES.server().newDatabase(poolSize);
    }

    @Override
    List<String> driverTimeoutWords() {
        return List.of("canceling statement");
    }

    @Override
    String lockImagesStatement() {
        return "LOCK TABLE images IN ACCESS EXCLUSIVE MODE";
    }

    @Override
    String runningListStatementsQuery() {
        return "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid()"
                + " AND query LIKE 'SELECT %FROM images i WHERE%'";
    }
}
