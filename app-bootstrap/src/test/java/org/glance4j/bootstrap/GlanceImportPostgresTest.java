package org.glance4j.bootstrap;

import java.nio.file.Path;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code db import-glance} from a Glance database on a real PostgreSQL that the test starts on loopback (Glance's
 * glance-manage reaches it through python3-psycopg2, a dependency of Debian's Glance).
 */
class GlanceImportPostgresTest extends GlanceImportContract {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    GlanceDb newGlanceDatabase(Path work) {
        JdbcSettings database = postgres.newDatabase(2);
        String hostAndName = database.jdbcUrl().substring("jdbc:postgresql://".length());
        return new GlanceDb(
                "postgresql://" + database.user() + "@" + hostAndName,
                database.jdbcUrl(),
                database.user(),
                database.password());
    }
}
