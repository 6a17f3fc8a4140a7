package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An update of one image on PostgreSQL (every PATCH ends in one) reads and writes that image's rows of
 * {@code image_tags} and {@code image_properties}, however many rows the tables hold. Not a timing: {@code EXPLAIN
 * ANALYZE} counts the buffers (pages of tables and indexes) the statement touched, which depend on the plan alone.
 * The statement used to find the stored properties with a sub-select that PostgreSQL ran as a hash anti-join over
 * the whole {@code image_properties} table, hundreds of pages here and 26 ms a PATCH at 22,000 properties in the
 * cluster benchmark.
 */
class PostgresImageUpdatePlanTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final int OTHER_IMAGES = 5_000;
    private static final String ID = "00000000-0000-4000-8000-000000000001";
    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

    private static JdbcSettings settings;
    private static JdbcRepositories repositories;

    @BeforeAll
    static void oneImageAmongManyWithTagsAndProperties() throws SQLException {
        settings = POSTGRES.server().newDatabase(2);
        repositories = JdbcRepositories.open(settings);
        repositories
                .images()
                .add(Image.builder(ID, T0)
                        .status(ImageStatus.ACTIVE)
                        .visibility(Visibility.PRIVATE)
                        .owner("p-one")
                        .tags(List.of("kept", "dropped", "moved"))
                        .properties(Map.of("kept", "same", "changed", "old", "dropped", "gone"))
                        .build());
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            long first = T0.plusSeconds(100).getEpochSecond() * 1_000_000_000L;
            statement.execute("WITH seeded AS (INSERT INTO images (id, name, status, visibility, protected,"
                    + " os_hidden, owner, min_disk, min_ram, created_at, updated_at, revision)"
                    + " SELECT gen_random_uuid()::text, 'other-' || g, 'active', 'private', false, false, 'p-two',"
                    + " 0, 0, " + first + " + g::bigint * 1000000, " + first + " + g::bigint * 1000000, 0"
                    + " FROM generate_series(1, " + OTHER_IMAGES + ") AS g RETURNING id),"
                    + " tags AS (INSERT INTO image_tags (image_id, value, position)"
                    + " SELECT id, 'tag-' || n, n FROM seeded, generate_series(0, 1) AS n)"
                    + " INSERT INTO image_properties (image_id, name, value)"
                    + " SELECT id, 'property-' || n, 'value of ' || id FROM seeded, generate_series(0, 1) AS n");
            statement.execute("ANALYZE");
        }
    }

    @AfterAll
    static void close() {
        if (repositories != null) {
            repositories.close();
        }
    }

    @Test
    void anUpdateTouchesTheRowsOfItsImageOnlyAndRewritesOnlyWhatChanged() throws SQLException {
        Image stored = repositories.images().find(ID).orElseThrow();
        long keptPropertyVersion = rowVersion("image_properties", "name", "kept");
        long keptTagVersion = rowVersion("image_tags", "value", "kept");
        Image wanted = stored.toBuilder()
                .tags(List.of("kept", "added", "moved"))
                .properties(Map.of("kept", "same", "changed", "new", "added", "value"))
                .build();

        String plan = explainAnalyze(wanted, stored.revision() + 1);

        assertThat(plan).doesNotContain("Seq Scan on image_properties").doesNotContain("Seq Scan on image_tags");
        // Two tables of 10,000 rows each, over ninety pages each: a node that reads one whole touches more.
        assertThat(largestBuffers(plan))
                .as("buffers touched by the busiest step of one update among %d images%n%s", OTHER_IMAGES, plan)
                .isLessThan(60);
        Image after = repositories.images().find(ID).orElseThrow();
        assertThat(after.revision()).isEqualTo(stored.revision() + 1);
        assertThat(after.tags()).containsExactly("kept", "added", "moved");
        assertThat(after.properties()).isEqualTo(wanted.properties());
        assertThat(rowVersion("image_properties", "name", "kept"))
                .as("an unchanged property is not written again")
                .isEqualTo(keptPropertyVersion);
        assertThat(rowVersion("image_tags", "value", "kept"))
                .as("a tag that keeps its place is not written again")
                .isEqualTo(keptTagVersion);
    }

    /** Runs the repository's update statement for {@code wanted} under {@code EXPLAIN ANALYZE}; its plan. */
    private static String explainAnalyze(Image wanted, long next) {
        try (Handle handle = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password())
                .open()) {
            handle.execute("SET jit = off"); // as the repository's sessions
            return String.join(
                    "\n",
                    JdbcImageRepository.bindUpdateInOneStatement(
                                    handle.createQuery("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) "
                                            + JdbcImageRepository.UPDATE_IN_ONE_STATEMENT),
                                    wanted,
                                    next)
                            .mapTo(String.class)
                            .list());
        }
    }

    /**
     * The most buffers (hit and read) any one step of the plan touched. The top node does not count the WITH clauses
     * that the final SELECT does not read, so no one line holds the whole; a step that reads a whole table shows here.
     * The planner's own reads (after "Planning:") are left out.
     */
    private static long largestBuffers(String plan) {
        String execution = plan.contains("Planning:") ? plan.substring(0, plan.indexOf("Planning:")) : plan;
        Matcher buffers =
                Pattern.compile("Buffers: shared( hit=(\\d+))?( read=(\\d+))?").matcher(execution);
        long largest = -1;
        while (buffers.find()) {
            long hit = buffers.group(2) == null ? 0 : Long.parseLong(buffers.group(2));
            long read = buffers.group(4) == null ? 0 : Long.parseLong(buffers.group(4));
            largest = Math.max(largest, hit + read);
        }
        assertThat(largest).as("a Buffers line in%n%s", plan).isNotNegative();
        return largest;
    }

    /** The transaction that wrote the image's row of {@code table} whose {@code column} is {@code value}. */
    private static long rowVersion(String table, String column, String value) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT xmin::text::bigint FROM " + table + " WHERE image_id = ? AND " + column + " = ?")) {
            query.setString(1, ID);
            query.setString(2, value);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next())
                        .as("a row %s = %s in %s", column, value, table)
                        .isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }
}
