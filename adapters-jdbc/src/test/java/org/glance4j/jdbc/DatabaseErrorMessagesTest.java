package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the jdbc adapter tells a client when the database fails: the API's words, never the driver's message, its
 * SQL or its bound values, nor the pool's state; the driver's exception stays the cause, for the log.
 */
class DatabaseErrorMessagesTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static JdbcRepositories repositories;

    private static JdbcRepositories postgres() {
        if (repositories == null) {
            repositories = JdbcRepositories.open(POSTGRES.server().newDatabase(2));
        }
        return repositories;
    }

    @AfterAll
    static void close() {
        if (repositories != null) {
            repositories.close();
        }
    }

    @Test
    void aValuePostgresqlCannotStoreIsTheRequestsFaultInTheApisWords() {
        Image image = Image.builder("0b6b3b64-9d51-4a5e-a1a4-2f3c8b0c1d2e", Instant.parse("2026-01-01T00:00:00Z"))
                .name("a\u0000b")
                .build();

        GlanceException refused = catchThrowableOfType(
                GlanceException.class, () -> postgres().images().add(image));

        assertThat(refused.category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(refused.getMessage()).isEqualTo(Database.UNSTORABLE_MESSAGE);
        assertThat(refused).hasRootCauseInstanceOf(SQLException.class);
        GlanceException lookup = catchThrowableOfType(
                GlanceException.class, () -> postgres().images().find("x\u0000"));
        assertThat(lookup.getMessage()).isEqualTo(Database.UNSTORABLE_MESSAGE);
        assertThat(postgres().images().find(image.id())).isEmpty();
    }

    @Test
    void anUnavailableDatabaseIsReportedWithoutThePoolsState() {
        SQLTransientConnectionException poolState = new SQLTransientConnectionException(
                "glance4j-postgresql -"
                        + " Connection is not available, request timed out after 30000ms (total=2, active=2, idle=0,"
                        + " waiting=5)",
                "08001");
        RuntimeException wrapped = new IllegalStateException("wrapped by JDBI", poolState);

        GlanceException failure = Database.unavailable(wrapped);

        assertThat(failure.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(failure.getMessage()).isEqualTo(Database.UNAVAILABLE_MESSAGE).doesNotContain("total=", "Connection");
        assertThat(failure.getCause()).isSameAs(wrapped);
    }
}
