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
        assertThat(jdbc("sqlite:///db/../state/glance.db").jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/glance/state/glance.db");
    }

    @Test
    void sqliteWithFourSlashesIsAbsolute() {
        assertThat(jdbc("sqlite:////var/lib/glance/glance.sqlite").jdbcUrl())
                .isEqualTo("jdbc:sqlite:/var/lib/glance/glance.sqlite");
    }

    @Test
    void postgresqlWithAndWithoutDriverNames() {
        DatabaseTarget expected = new DatabaseTarget(Kind.POSTGRESQL, "jdbc:postgresql://db:5432/glance", "glance",
                "pw");
        assertThat(jdbc("postgresql://glance:pw@db:5432/glance")).isEqualTo(expected);
        assertThat(jdbc("postgresql+psycopg2://glance:pw@db:5432/glance")).isEqualTo(expected);
        assertThat(jdbc("postgresql+psycopg://glance:pw@db:5432/glance")).isEqualTo(expected);
    }

    @Test
    void postgresqlKeepsQueryParametersDecodesCredentialsAndAllowsNoPortNoPassword() {
        assertThat(jdbc("postgresql://gl%40nce:p%3Aw%2Fd@db/glance?sslmode=require"))
                .isEqualTo(new DatabaseTarget(Kind.POSTGRESQL, "jdbc:postgresql://db/glance?sslmode=require",
                        "gl@nce", "p:w/d"));
        assertThat(jdbc("postgresql://glance@[::1]:5432/glance"))
                .isEqualTo(new DatabaseTarget(Kind.POSTGRESQL, "jdbc:postgresql://[::1]:5432/glance", "glance", null));
        assertThat(jdbc("postgresql://localhost/glance"))
                .isEqualTo(new DatabaseTarget(Kind.POSTGRESQL, "jdbc:postgresql://localhost/glance", null, null));
    }

    @Test
    void thePasswordNeverShowsInToStringOrMessages() {
        assertThat(jdbc("postgresql://glance:topsecret@db/glance").toString()).doesNotContain("topsecret")
                .contains("password=****");
        assertThatThrownBy(() -> jdbc("mysql+pymysql://glance:topsecret@db/glance"))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("topsecret")
                .hasMessageContaining("not mysql");
    }

    @Test
    void refusesInMemorySqliteAndUrlsWithoutHostOrDatabase() {
        assertThatThrownBy(() -> jdbc("sqlite://")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[database] connection").hasMessageContaining("in-memory SQLite");
        assertThatThrownBy(() -> jdbc("sqlite:///")).hasMessageContaining("in-memory SQLite");
        assertThatThrownBy(() -> jdbc("postgresql://glance@db")).hasMessageContaining("needs a host and a database");
        assertThatThrownBy(() -> jdbc("postgresql://glance@db/")).hasMessageContaining("needs a host and a database");
        assertThatThrownBy(() -> jdbc("glance.sqlite")).hasMessageContaining("is not a URL");
    }
}
