package org.glance4j.bootstrap;

import java.nio.file.Path;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code db import-glance} from a Glance database on a real MariaDB that the test starts on loopback, reached as
 * Glance's configuration reaches it ({@code mysql+pymysql://...?charset=utf8}; glance-manage talks to it through
 * python3-pymysql, a dependency of Debian's Glance). Without MariaDB installed it is skipped with a message
 * (under {@code CI=true} that is a failure).
 */
class GlanceImportMariaDbTest extends GlanceImportContract {

    private static MariaDbServer mariadb;

    @BeforeAll
    static void startMariaDb() throws Exception {
        mariadb = MariaDbServer.start();
    }

    @AfterAll
    static void stopMariaDb() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Override
    GlanceDb newGlanceDatabase(Path work) {
        JdbcSettings database = mariadb.newDatabase(2);
        String url = database.jdbcUrl()
                        .replace(
                                "jdbc:mariadb://",
                                "mysql+pymysql://" + database.user() + ":" + database.password() + "@")
                + "?charset=utf8";
        return new GlanceDb(url, database.jdbcUrl(), database.user(), database.password());
    }
}
