package org.glance4j.jdbc;

import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SlowListContract} on a MariaDB server the test starts: {@code max_statement_time} is the timeout,
 * {@code KILL QUERY} the cancel, and a {@code LOCK TABLES ... WRITE} (with its metadata lock; closing the
 * connection gives it up, a rollback does not) what makes the reads wait.
 */
class MariaDbSlowListTest extends SlowListContract {
    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    @Override
    JdbcSettings newDatabase(int poolSize) throws Exception {
        return MARIADB.server().newDatabase(poolSize);
    }

    @Override
    List<String> driverTimeoutWords() {
        return List.of("max_statement_time", "interrupted");
    }

    @Override
    String lockImagesStatement() {
        return "LOCK TABLES images WRITE";
    }

    @Override
    String runningListStatementsQuery() {
        return "SELECT count(*) FROM information_schema.processlist WHERE command = 'Query' AND id <> CONNECTION_ID()"
                + " AND info LIKE 'SELECT %FROM images i WHERE%'";
    }
}
