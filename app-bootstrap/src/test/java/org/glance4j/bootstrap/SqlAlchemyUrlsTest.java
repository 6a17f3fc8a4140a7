package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.DatabaseTarget;
import org.glance4j.bootstrap.config.DatabaseTarget.Kind;
import org.glance4j.bootstrap.config.SqlAlchemyUrls;
import org.junit.jupiter.api.Test;

class SqlAlchemyUrlsTest {

    private static final Path WORK = Path.of("/srv/glance");

    private static DatabaseTarget jdbc(String url) {
        return SqlAlchemyUrls.toJdbc(url, "[database] connection", WORK);
    }

    @Test
    void sqliteWithThreeSlashesIsRelativeToTheWorkingDirectory() {
        assertThat(jdbc("sqlite:///glance.sqlite"))
                .isEqualTo(new DatabaseTarget(Kind.SQLITE, "jdbc:sqlite:/srv/glance/glance.sqlite", null, null));
        assertThat(jdbc("sqlite:///db/../state/glance.db").jdbcUrl())
                .isEqualTo("jdbc:sqlite:/srv/glance/state/glance.db");
    }

    @Test
    void sqliteWithFourSlashesIsAbsolute() {
        assertThat(jdbc("sqlite:////var/lib/glance/glance.sqlite").jdbcUrl())
                .isEqualTo("jdbc:sqlite:/var/lib/glance/glance.sqlite");
    }

    @Test
    void postgresqlWithAndWithoutDriverNames() {
        DatabaseTarget expected =
                new DatabaseTarget(Kind.POSTGRESQL, "jdbc:postgresql://db:5432/glance", "glance", "pw");
        assertThat(jdbc("postgresql://glance:pw@db:5432/glance")).isEqualTo(expected);
        assertThat(jdbc("postgresql+psycopg2://glance:pw@db:5432/glance")).isEqualTo(expected);
        assertThat(jdbc("postgresql+psycopg://glance:pw@db:5432/glance")).isEqualTo(expected);
    }

    @Test
    void postgresqlKeepsQueryParametersDecodesCredentialsAndAllowsNoPortNoPassword() {
        assertThat(jdbc("postgresql://gl%40nce:p%3Aw%2Fd@db/glance?sslmode=require"))
                .isEqualTo(new DatabaseTarget(
                        Kind.POSTGRESQL, "jdbc:postgresql://db/glance?sslmode=require", "gl@nce", "p:w/d"));
        assertThat(jdbc("postgresql://glance@[::1]:5432/glance"))
                .isEqualTo(new DatabaseTarget(Kind.POSTGRESQL, "jdbc:postgresql://[::1]:5432/glance", "glance", null));
        assertThat(jdbc("postgresql://localhost/glance"))
                .isEqualTo(new DatabaseTarget(Kind.POSTGRESQL, "jdbc:postgresql://localhost/glance", null, null));
    }

    @Test
    void thePasswordNeverShowsInToStringOrMessages() {
        assertThat(jdbc("postgresql://glance:topsecret@db/glance").toString())
                .doesNotContain("topsecret")
                .contains("password=****");
        assertThatThrownBy(() -> jdbc("mssql+pyodbc://glance:topsecret@db/glance"))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("topsecret")
                .hasMessageContaining("not mssql");
        assertThat(jdbc("mysql+pymysql://glance:topsecret@db/glance").toString())
                .doesNotContain("topsecret");
        assertThatThrownBy(() -> jdbc("mysql+pymysql://glance:topsecret@db/"))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("topsecret")
                .hasMessageContaining("needs a database");
    }

    @Test
    void refusesInMemorySqliteAndUrlsWithoutHostOrDatabase() {
        assertThatThrownBy(() -> jdbc("sqlite://"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[database] connection")
                .hasMessageContaining("in-memory SQLite");
        assertThatThrownBy(() -> jdbc("sqlite:///")).hasMessageContaining("in-memory SQLite");
        assertThatThrownBy(() -> jdbc("postgresql://glance@db")).hasMessageContaining("needs a host and a database");
        assertThatThrownBy(() -> jdbc("postgresql://glance@db/")).hasMessageContaining("needs a host and a database");
        assertThatThrownBy(() -> jdbc("glance.sqlite")).hasMessageContaining("is not a URL");
    }

    @Test
    void mysqlUrlsOfEveryDriverReachMariaDbsDriverWithCredentialsApart() {
        DatabaseTarget expected = new DatabaseTarget(Kind.MARIADB, "jdbc:mariadb://db:3306/glance", "glance", "pw");
        assertThat(jdbc("mysql+pymysql://glance:pw@db:3306/glance")).isEqualTo(expected);
        assertThat(jdbc("mysql://glance:pw@db:3306/glance")).isEqualTo(expected);
        assertThat(jdbc("mysql+mysqldb://glance:pw@db:3306/glance")).isEqualTo(expected);
        assertThat(jdbc("mariadb+pymysql://glance:pw@db:3306/glance")).isEqualTo(expected);
        assertThat(jdbc("MySQL+PyMySQL://gl%40nce:p%3Aw%2Fd@[::1]/glance"))
                .isEqualTo(new DatabaseTarget(Kind.MARIADB, "jdbc:mariadb://[::1]/glance", "gl@nce", "p:w/d"));
        assertThat(jdbc("mysql+pymysql://glance@/glance"))
                .isEqualTo(new DatabaseTarget(Kind.MARIADB, "jdbc:mariadb://localhost/glance", "glance", null));
    }

    @Test
    void mysqlQueryParametersAreNotPassedOnButListedWithWhy() {
        DatabaseTarget target = jdbc("mysql+pymysql://glance:pw@db/glance?charset=utf8&unix_socket=/run/mysqld/"
                + "mysqld.sock&read_default_file=/etc/my.cnf&plugin_dir=/x");

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:mariadb://db/glance");
        assertThat(target.ignoredParameters())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("charset", "glance4j always talks utf8mb4 to MariaDB"),
                        org.assertj.core.api.Assertions.entry(
                                "unix_socket", "glance4j connects over TCP to the URL's host and port"),
                        org.assertj.core.api.Assertions.entry(
                                "read_default_file",
                                "glance4j reads no MySQL option file: give user, password, host and database in the URL"),
                        org.assertj.core.api.Assertions.entry("plugin_dir", "not used by glance4j"));
    }

    @Test
    void aMysqlDatabaseNameThatIsNotAPlainNameIsRefused() {
        assertThatThrownBy(() -> jdbc("mysql://glance@db/glance;drop"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be letters, digits");
    }
}
