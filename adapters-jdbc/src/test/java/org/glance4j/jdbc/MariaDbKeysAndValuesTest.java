package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.Visibility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What MariaDB's defaults would get wrong and glance4j's MariaDB schema and statements get right: keys that differ
 * in case or trailing spaces stay apart (a PAD SPACE or case-insensitive collation would merge them), text beyond
 * the Basic Multilingual Plane round-trips (utf8mb4 on a server whose default is latin1), a property filter whose key
 * and value are the same text works, and a value too long for its column is the request's fault in the API's words,
 * never cut short.
 */
class MariaDbKeysAndValuesTest {
    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    private static JdbcRepositories repositories;

    private static JdbcRepositories mariadb() {
        if (repositories == null) {
            repositories = JdbcRepositories.open(MARIADB.server().newDatabase(2));
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
    void keysDifferingInCaseOrTrailingSpacesStayApartAndEveryCharacterRoundTrips() {
        Image image = image(1).name("snow \u2603 and \uD83D\uDE00")
                .tags(List.of("a", "a ", "A", "\uD83D\uDE00"))
                .properties(Map.of("k", "lower", "K", "upper", "k ", "trailing", "emoji", "\uD83D\uDE00 \"q\" \\"))
                .build();

        mariadb().images().add(image);

        Image stored = mariadb().images().find(id(1)).orElseThrow();
        assertThat(stored.name()).isEqualTo(image.name());
        assertThat(stored.tags()).containsExactly("a", "a ", "A", "\uD83D\uDE00");
        assertThat(stored.properties()).isEqualTo(image.properties());
        assertThat(listIds(Map.of("k ", "trailing"))).containsExactly(id(1));
        assertThat(listIds(Map.of("k", "trailing"))).isEmpty();
        assertThat(listIds(Map.of("K", "UPPER"))).isEmpty();
    }

    @Test
    void aPropertyFilterWhoseKeyAndValueAreTheSameTextFindsItsImage() {
        mariadb()
                .images()
                .add(image(2).properties(Map.of("same", "same", "other", "x")).build());

        assertThat(listIds(Map.of("same", "same"))).containsExactly(id(2));
        assertThat(listIds(Map.of("same", "same", "other", "x"))).containsExactly(id(2));
    }

    @Test
    void aValueTooLongForItsColumnIsTheRequestsFaultAndNothingIsStored() {
        Image image = image(3).name("n".repeat(256)).build();

        GlanceException refused = catchThrowableOfType(
                GlanceException.class, () -> mariadb().images().add(image));

        assertThat(refused.category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(refused.getMessage()).isEqualTo(Database.UNSTORABLE_MESSAGE);
        assertThat(refused).hasRootCauseInstanceOf(SQLException.class);
        assertThat(mariadb().images().find(id(3))).isEmpty();
    }

    @Test
    void theTablesAreInnoDbInUtf8mb4WithTheBinaryNoPadCollation() {
        JdbcSettings settings = MARIADB.server().newDatabase(1);
        try (JdbcRepositories fresh = JdbcRepositories.open(settings)) {
            assertThat(fresh.schemaVersion()).isPositive();
        }
        List<String> tables = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password())
                .withHandle(h -> h.createQuery("SELECT CONCAT(table_name, ' ', engine, ' ', table_collation)"
                                + " FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name")
                        .mapTo(String.class)
                        .list());
        assertThat(tables).hasSize(18).allSatisfy(t -> assertThat(t).endsWith(" InnoDB utf8mb4_nopad_bin"));
    }

    private static List<String> listIds(Map<String, String> properties) {
        return mariadb()
                .images()
                .list(new ImageQuery(
                        new ImageQuery.Viewer("project", true),
                        ImageQuery.VisibilityFilter.ALL,
                        MemberStatus.ACCEPTED,
                        null,
                        ImageQuery.propertyEquals(properties),
                        null,
                        null,
                        null,
                        null,
                        25))
                .stream()
                .map(Image::id)
                .toList();
    }

    private static Image.Builder image(int n) {
        return Image.builder(id(n), BASE.plusSeconds(n))
                .status(ImageStatus.ACTIVE)
                .visibility(Visibility.PUBLIC)
                .owner("project");
    }

    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }
}
