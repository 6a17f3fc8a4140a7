package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageQuery.Condition;
import org.glance4j.ports.model.ImageQuery.Operator;
import org.glance4j.ports.model.ImageQuery.PropertyCondition;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL writes and reads images with statements of its own (an image with its tags and properties inserted in one
 * statement; a page or an image read with its tags and properties in one statement; an update that returns the tags
 * and properties it replaces). The same images, written and changed the same way, must come back exactly as SQLite,
 * which takes the plain path, gives them: the same pages in the same order for many sorts, filters, viewers and
 * markers, and the same images one by one, with tags in their order and properties whose texts need JSON escapes.
 */
class PostgresMatchesSqliteTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    static Path directory;

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456789Z");
    private static final int IMAGES = 240;
    private static final String[] OWNERS = {"p-one", "p-two", "p-three", null};
    private static final String[] TEXTS = {
        "plain",
        "with \"quotes\"",
        "back\\slash",
        "tab\tand\nnewline",
        "\u00e9t\u00e9 \u65e5\u672c",
        "emoji \uD83D\uDE80",
        "",
        "{\"json\": [1]}",
        "x".repeat(300)
    };

    private static JdbcRepositories postgres;
    private static JdbcRepositories sqlite;
    private static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void storeTheSameImagesInBoth() {
        postgres = JdbcRepositories.open(POSTGRES.server().newDatabase(4));
        sqlite = JdbcRepositories.open(JdbcSettings.sqlite(directory.resolve("glance.sqlite"), 4));
        Random random = new Random(15);
        for (int n = 0; n < IMAGES; n++) {
            Image image = randomImage(random, n);
            ids.add(image.id());
            for (JdbcRepositories db : List.of(postgres, sqlite)) {
                db.images().add(image);
            }
            if (image.visibility() == Visibility.SHARED && random.nextBoolean()) {
                MemberStatus status = MemberStatus.values()[random.nextInt(MemberStatus.values().length)];
                for (JdbcRepositories db : List.of(postgres, sqlite)) {
                    db.members().add(new ImageMember(image.id(), "p-two", status, T0, T0));
                }
            }
        }
        // Change a third of them: tags reordered, added and dropped, properties added, changed and removed.
        for (int n = 0; n < IMAGES; n += 3) {
            Image stored = postgres.images().find(ids.get(n)).orElseThrow();
            Image changed = changed(random, stored);
            Image afterPostgres = postgres.images().update(changed);
            Image afterSqlite = sqlite.images().update(changed);
            assertThat(afterPostgres).isEqualTo(afterSqlite);
        }
    }

    @AfterAll
    static void close() {
        for (JdbcRepositories db : new JdbcRepositories[] {postgres, sqlite}) {
            if (db != null) {
                db.close();
            }
        }
    }

    @Test
    void everyImageReadsTheSameOnBoth() {
        for (String id : ids) {
            Image fromPostgres = postgres.images().find(id).orElseThrow();
            assertThat(fromPostgres).as(id).isEqualTo(sqlite.images().find(id).orElseThrow());
        }
        assertThat(postgres.images().find("00000000-0000-4000-8000-999999999999"))
                .isEmpty();
    }

    @Test
    void pagesAreTheSameInTheSameOrderForEverySortViewerAndFilter() {
        List<List<SortOrder>> sorts = List.of(
                List.of(new SortOrder(ImageField.CREATED_AT, false), new SortOrder(ImageField.ID, false)),
                List.of(new SortOrder(ImageField.NAME, true), new SortOrder(ImageField.ID, true)),
                List.of(
                        new SortOrder(ImageField.SIZE, false),
                        new SortOrder(ImageField.CREATED_AT, true),
                        new SortOrder(ImageField.ID, false)),
                List.of(new SortOrder(ImageField.UPDATED_AT, true), new SortOrder(ImageField.ID, true)));
        List<Viewer> viewers =
                List.of(new Viewer("p-admin", true), new Viewer("p-two", false), new Viewer(null, false));
        int pages = 0;
        for (List<SortOrder> sort : sorts) {
            for (Viewer viewer : viewers) {
                for (VisibilityFilter visibility :
                        List.of(VisibilityFilter.DEFAULT, VisibilityFilter.ALL, VisibilityFilter.SHARED)) {
                    pages += walkBoth(new Query(viewer, visibility, sort, List.of(), List.of(), List.of()));
                }
                pages += walkBoth(new Query(
                        viewer,
                        VisibilityFilter.ALL,
                        sort,
                        List.of(new Condition(ImageField.STATUS, Operator.IN, List.of("active", "queued"))),
                        List.of(new PropertyCondition("group", Operator.EQ, List.of("g1"))),
                        List.of()));
                pages += walkBoth(new Query(viewer, VisibilityFilter.ALL, sort, List.of(), List.of(), List.of("t-1")));
            }
        }
        assertThat(pages).as("pages compared").isGreaterThan(100);
    }

    /** Pages through the whole result on both databases, 17 at a time; returns how many pages it compared. */
    private static int walkBoth(Query query) {
        int pages = 0;
        Image marker = null;
        while (true) {
            List<Image> fromPostgres = postgres.images().list(query.page(marker, 17));
            List<Image> fromSqlite = sqlite.images().list(query.page(marker, 17));
            assertThat(fromPostgres)
                    .as("%s after %s", query, marker == null ? "the start" : marker.id())
                    .containsExactlyElementsOf(fromSqlite);
            pages++;
            if (fromPostgres.size() < 17) {
                return pages;
            }
            marker = fromPostgres.get(fromPostgres.size() - 1);
        }
    }

    private record Query(
            Viewer viewer,
            VisibilityFilter visibility,
            List<SortOrder> sort,
            List<Condition> conditions,
            List<PropertyCondition> properties,
            List<String> tags) {
        ImageQuery page(Image marker, int limit) {
            return new ImageQuery(viewer, visibility, null, conditions, properties, tags, null, sort, marker, limit);
        }
    }

    private static Image randomImage(Random random, int n) {
        Instant created = T0.plusMillis(random.nextInt(IMAGES / 2)); // equal times on purpose: ties break on id
        Image.Builder image = Image.builder(String.format("%08x-0000-4000-8000-%012d", random.nextInt(), n), created)
                .name(random.nextInt(5) == 0 ? null : "image " + random.nextInt(40))
                .status(random.nextBoolean() ? ImageStatus.ACTIVE : ImageStatus.QUEUED)
                .visibility(Visibility.values()[random.nextInt(Visibility.values().length)])
                .owner(OWNERS[random.nextInt(OWNERS.length)])
                .size(random.nextInt(4) == 0 ? null : (long) random.nextInt(50) * 1_048_576L)
                .diskFormat("raw")
                .containerFormat("bare")
                .createdAt(created)
                .updatedAt(created.plusNanos(random.nextInt(1000)));
        int tags = random.nextInt(5);
        List<String> tagList = new ArrayList<>();
        for (int k = 0; k < tags; k++) {
            String tag = random.nextBoolean() ? "t-" + random.nextInt(4) : shortText(random) + k;
            if (!tagList.contains(tag)) {
                tagList.add(tag);
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        int count = random.nextInt(4);
        for (int k = 0; k < count; k++) {
            properties.put(
                    k == 0 ? "group" : shortText(random) + "-key" + k,
                    k == 0 ? "g" + random.nextInt(3) : TEXTS[random.nextInt(TEXTS.length)]);
        }
        return image.tags(tagList).properties(properties).build();
    }

    /** One of {@link #TEXTS}, cut to fit a tag or a property key (255 characters). */
    private static String shortText(Random random) {
        String text = TEXTS[random.nextInt(TEXTS.length)];
        return text.length() > 40 ? text.substring(0, 40) : text;
    }

    private static Image changed(Random random, Image stored) {
        List<String> tags = new ArrayList<>(stored.tags());
        java.util.Collections.shuffle(tags, random);
        if (!tags.isEmpty() && random.nextBoolean()) {
            tags.remove(0);
        }
        tags.add("added " + shortText(random));
        Map<String, String> properties = new LinkedHashMap<>(stored.properties());
        if (!properties.isEmpty() && random.nextBoolean()) {
            properties.remove(properties.keySet().iterator().next());
        }
        properties.replaceAll((key, value) -> random.nextBoolean() ? value : TEXTS[random.nextInt(TEXTS.length)]);
        properties.put("changed", TEXTS[random.nextInt(TEXTS.length)]);
        return stored.toBuilder()
                .tags(tags)
                .properties(properties)
                .name("renamed " + stored.name())
                .updatedAt(stored.updatedAt().plusSeconds(1))
                .build();
    }
}
