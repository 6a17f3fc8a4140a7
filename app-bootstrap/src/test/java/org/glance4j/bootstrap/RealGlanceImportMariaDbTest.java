package org.glance4j.bootstrap;

import java.nio.file.Path;
import org.glance4j.bootstrap.glance.RealGlanceServer;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Real Glance on a MariaDB the test starts on loopback (its schema made by Glance's {@code glance-manage db_sync}
 * through python3-pymysql, as a deployment configures it: {@code mysql+pymysql://...?charset=utf8}), then glance4j
 * on what it imported. Aborted locally when MariaDB or Glance is missing, failing under {@code CI=true}.
 */
class RealGlanceImportMariaDbTest extends RealGlanceImportContract {

    private static MariaDbServer mariadb;

    @BeforeAll
    static void startMariaDb() throws Exception {
        RealGlanceServer.requireInstalled();
        mariadb = MariaDbServer.start();
    }

    @AfterAll
    static void stopMariaDb() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Override
    boolean sortsNamesIgnoringCase() {
        return true; // utf8_general_ci, what ?charset=utf8 gives Glance's tables
    }

    @Override
    String newGlanceDatabase(Path work) {
        JdbcSettings database = mariadb.newDatabase(2);
        return database.jdbcUrl()
                        .replace(
                                "jdbc:mariadb://",
                                "mysql+pymysql://" + database.user() + ":" + database.password() + "@")
                + "?charset=utf8";
    }
}
