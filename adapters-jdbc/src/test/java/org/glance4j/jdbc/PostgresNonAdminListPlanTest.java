package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageQuery.SortOrder;
import org.glance4j.ports.model.ImageQuery.Viewer;
import org.glance4j.ports.model.ImageQuery.VisibilityFilter;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A project that may see some images among many it may not see gets its page without PostgreSQL walking all of
 * them. Not a timing: PostgreSQL counts the rows a statement reads and throws away and the buffers (pages of tables and
 * indexes) it touches, which depend on the plan, not on how busy the machine is. Here the newest images are those of
 * another project, one in twenty of them public: with one {@code OR} of the kinds of access, the first page of 25
 * walked the images in the list order and threw away every one it may not see until it had 25 (hundreds of rows; all
 * of them for a project that sees fewer than 25); read one ordered branch per kind of access and merged, it reads
 * little more than the page.
 */
class PostgresNonAdminListPlanTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final int BIG_PROJECTS_IMAGES = 40_000;
    /** One image of the big project in this many is public, the others are private. */
    private static final int PUBLIC_EVERY = 20;

    private static final String SMALL = "p-small";
    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

    private static JdbcSettings settings;
    private static JdbcRepositories repositories;
    private static final List<String> smallProjectSees = new ArrayList<>();

    @BeforeAll
    static void manyImagesOfAnotherProjectAndAFewOfTheSmallOne() throws SQLException {
        settings = POSTGRES.server().newDatabase(2);
        repositories = JdbcRepositories.open(settings);
        // The small project's images are the oldest, so that a walk in the list order meets them last.
        for (int n = 0; n < 3; n++) {
            Image own = Image.builder(String.format("00000000-0000-4000-8000-%012d", n), T0.plusSeconds(n))
                    .status(ImageStatus.ACTIVE)
                    .visibility(Visibility.PRIVATE)
                    .owner(SMALL)
                    .build();
            repositories.images().add(own);
            smallProjectSees.add(0, own.id());
        }
        Image shared = Image.builder("00000000-0000-4000-8000-000000000010", T0.plusSeconds(10))
                .status(ImageStatus.ACTIVE)
                .visibility(Visibility.SHARED)
                .owner("p-big")
                .build();
        repositories.images().add(shared);
        repositories.members().add(new ImageMember(shared.id(), SMALL, MemberStatus.ACCEPTED, T0, T0));
        smallProjectSees.add(0, shared.id());
        // Newer than those: the images of a big project, a few of them public.
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            long first = T0.plusSeconds(100).getEpochSecond() * 1_000_000_000L;
            statement.execute("INSERT INTO images (id, name, status, visibility, protected, os_hidden, owner,"
                    + " min_disk, min_ram, created_at, updated_at, revision)"
                    + " SELECT gen_random_uuid()::text, 'big-' || g, 'active',"
                    + " CASE WHEN g % " + PUBLIC_EVERY + " = 0 THEN 'public' ELSE 'private' END, false, false,"
                    + " 'p-big', 0, 0, " + first + " + g::bigint * 1000000, " + first + " + g::bigint * 1000000, 0"
                    + " FROM generate_series(1, " + BIG_PROJECTS_IMAGES + ") AS g");
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
    void theFirstPageOfASmallProjectReadsItsImagesNotTheOthers() throws SQLException {
        ImageQuery firstPage = new ImageQuery(
                new Viewer(SMALL, false),
                VisibilityFilter.DEFAULT,
                MemberStatus.ACCEPTED,
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(new SortOrder(ImageField.CREATED_AT, false), new SortOrder(ImageField.ID, false)),
                null,
                25);

        assertThat(repositories.images().list(firstPage))
                .extracting(Image::id)
                .containsExactlyElementsOf(newestPublicImages(25));
        Work work = workOf(firstPage);
        assertThat(work.rowsThrownAway())
                .as("rows read and thrown away for the first page of 25 among %d images", BIG_PROJECTS_IMAGES)
                .isLessThan(100);
        assertThat(work.buffers()).as("buffers touched").isLessThan(200);
    }

    @Test
    void aPageOfSharedImagesAndAPageAfterAMarkerReadLittleToo() throws SQLException {
        Image marker = repositories.images().find(smallProjectSees.get(1)).orElseThrow();
        List<SortOrder> newestFirst =
                List.of(new SortOrder(ImageField.CREATED_AT, false), new SortOrder(ImageField.ID, false));
        ImageQuery afterMarker = new ImageQuery(
                new Viewer(SMALL, false),
                VisibilityFilter.ALL,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                newestFirst,
                marker,
                25);
        ImageQuery shared = new ImageQuery(
                new Viewer(SMALL, false),
                VisibilityFilter.SHARED,
                MemberStatus.ACCEPTED,
                List.of(),
                List.of(),
                List.of(),
                null,
                newestFirst,
                null,
                25);

        assertThat(repositories.images().list(afterMarker))
                .extracting(Image::id)
                .containsExactlyElementsOf(smallProjectSees.subList(2, smallProjectSees.size()));
        assertThat(repositories.images().list(shared)).extracting(Image::id).containsExactly(smallProjectSees.get(0));
        for (ImageQuery query : List.of(afterMarker, shared)) {
            Work work = workOf(query);
            assertThat(work.rowsThrownAway())
                    .as("rows read and thrown away for %s", query)
                    .isLessThan(100);
            assertThat(work.buffers()).as("buffers touched for %s", query).isLessThan(200);
        }
    }

    private static List<String> newestPublicImages(int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id FROM images WHERE visibility = 'public'"
                        + " ORDER BY created_at DESC, id DESC LIMIT " + count)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** What PostgreSQL counted while running the statement the repository runs for {@code query}. */
    record Work(long buffers, long rowsThrownAway) {}

    /**
     * The buffers (hit and read) that the statement touched, and the rows it read and then threw away (removed by a
     * filter, a join filter or a recheck), from {@code EXPLAIN ANALYZE}.
     */
    private static Work workOf(ImageQuery query) throws SQLException {
        ImageListSql statement = ImageListSql.of(query, Dialect.POSTGRESQL);
        StringBuilder plan = new StringBuilder();
        try (Connection connection = connect();
                Statement session = connection.createStatement();
                PreparedStatement explain =
                        connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) " + statement.sql())) {
            session.execute("SET jit = off"); // as the repository's sessions
            for (int k = 0; k < statement.arguments().size(); k++) {
                explain.setObject(k + 1, statement.arguments().get(k));
            }
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        // The first Buffers line is the top node's: everything the statement touched.
        Matcher buffers =
                Pattern.compile("Buffers: shared( hit=(\\d+))?( read=(\\d+))?").matcher(plan);
        assertThat(buffers.find()).as("a Buffers line in%n%s", plan).isTrue();
        long hit = buffers.group(2) == null ? 0 : Long.parseLong(buffers.group(2));
        long read = buffers.group(4) == null ? 0 : Long.parseLong(buffers.group(4));
        long thrownAway = 0;
        Matcher removed = Pattern.compile("Rows Removed by [A-Za-z ]+: (\\d+)").matcher(plan);
        while (removed.find()) {
            thrownAway += Long.parseLong(removed.group(1));
        }
        return new Work(hit + read, thrownAway);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }
}
