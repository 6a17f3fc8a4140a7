package org.glance4j.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.error.StaleRevisionException;
import org.glance4j.ports.model.BulkAddResult;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageQuery.Condition;
import org.glance4j.ports.model.ImageQuery.Operator;
import org.glance4j.ports.model.ImageQuery.PropertyCondition;
import org.glance4j.ports.model.ImageQuery.SortOrder;
import org.glance4j.ports.model.ImageQuery.Viewer;
import org.glance4j.ports.model.ImageQuery.VisibilityFilter;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.ImageWithMembers;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.ProjectImageUsage;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link ImageRepository} and {@link ImageMemberRepository} pair must meet. Extend it, return a
 * fresh, empty pair from {@link #createRepositories()} (called before each test) and every test runs against it.
 *
 * <p>Besides what the Javadoc of the ports says, the kit pins down two points the ports leave to the reader:
 * <ul>
 *   <li>a {@link Condition} never holds when the image's field is null, whatever the operator ({@code NEQ}
 *       included), as in SQL and in Glance;</li>
 *   <li>"null sorts before every value" means null is the smallest value: first when ascending, last when
 *       descending, and keyset paging follows the same order.</li>
 * </ul>
 */
public abstract class ImageRepositoryContractTest {

    /** The pair under test; both must share one store, because the list query reads memberships. */
    public record Repositories(ImageRepository images, ImageMemberRepository members) {}

    /** A new pair of empty repositories. Called before each test. */
    protected abstract Repositories createRepositories();

    /** A time with nanoseconds, to prove they survive. */
    protected static final Instant T0 = Instant.parse("2024-03-01T10:15:30.123456789Z");

    private static final String OWNER = "p-owner";

    protected ImageRepository images;
    protected ImageMemberRepository members;

    @BeforeEach
    final void createTheRepositories() {
        Repositories repositories = createRepositories();
        images = repositories.images();
        members = repositories.members();
        assertThat(images.list(query().build()))
                .as("a new repository must be empty")
                .isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A well-formed image id whose natural order follows {@code n}. */
    protected static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    /** An active public image owned by {@value #OWNER}, created at T0 + n seconds, with nothing optional set. */
    protected static Image.Builder image(int n) {
        return Image.builder(id(n), T0.plusSeconds(n))
                .status(ImageStatus.ACTIVE)
                .visibility(Visibility.PUBLIC)
                .owner(OWNER);
    }

    /** An image with every field set to a value other than its default. */
    protected static Image fullImage(int n) {
        return Image.builder(id(n), T0)
                .name("full image " + n)
                .status(ImageStatus.ACTIVE)
                .visibility(Visibility.COMMUNITY)
                .isProtected(true)
                .osHidden(true)
                .checksum("9e107d9d372bb6826bd81d3542a419d6")
                .osHashAlgo("sha512")
                .osHashValue("a".repeat(128))
                .owner("p-full")
                .size(10_737_418_240L)
                .virtualSize(21_474_836_480L)
                .containerFormat("bare")
                .diskFormat("qcow2")
                .minDisk(20)
                .minRam(2048)
                .createdAt(T0)
                .updatedAt(T0.plusNanos(1))
                .deletedAt(null)
                .tags(List.of("zeta", "alpha", "middle"))
                .properties(Map.of(
                        "os_distro",
                        "ubuntu",
                        "hw_disk_bus",
                        "scsi",
                        "empty",
                        "",
                        "unicode",
                        "\u00e9t\u00e9 \u65e5\u672c",
                        "long",
                        "x".repeat(65_535)))
                .revision(3)
                .build();
    }

    /** An image with every nullable field null and neither tags nor properties. */
    protected static Image bareImage(int n) {
        return Image.builder(id(n), T0)
                .status(ImageStatus.QUEUED)
                .visibility(Visibility.PRIVATE)
                .build();
    }

    protected Image add(Image image) {
        images.add(image);
        return image;
    }

    protected static List<String> ids(List<Image> list) {
        return list.stream().map(Image::id).toList();
    }

    protected static QueryBuilder query() {
        return new QueryBuilder();
    }

    /** A readable way to build an {@link ImageQuery}: by default an admin listing ALL, by id, 1000 at most. */
    protected static final class QueryBuilder {
        private Viewer viewer = new Viewer("p-admin", true);
        private VisibilityFilter visibility = VisibilityFilter.ALL;
        private MemberStatus memberStatus;
        private final List<Condition> conditions = new ArrayList<>();
        private final List<PropertyCondition> propertyConditions = new ArrayList<>();
        private List<String> tags = List.of();
        private Boolean osHidden;
        private List<SortOrder> sort = List.of(new SortOrder(ImageField.ID, true));
        private Image marker;
        private int limit = 1000;

        public QueryBuilder viewer(String projectId, boolean admin) {
            viewer = new Viewer(projectId, admin);
            return this;
        }

        public QueryBuilder visibility(VisibilityFilter v) {
            visibility = v;
            return this;
        }

        public QueryBuilder memberStatus(MemberStatus s) {
            memberStatus = s;
            return this;
        }

        public QueryBuilder where(ImageField field, Operator op, Object... values) {
            conditions.add(new Condition(field, op, List.of(values)));
            return this;
        }

        public QueryBuilder property(String key, Operator op, String... values) {
            propertyConditions.add(new PropertyCondition(key, op, List.of(values)));
            return this;
        }

        public QueryBuilder tags(String... t) {
            tags = List.of(t);
            return this;
        }

        public QueryBuilder osHidden(Boolean hidden) {
            osHidden = hidden;
            return this;
        }

        public QueryBuilder sort(SortOrder... keys) {
            sort = List.of(keys);
            return this;
        }

        public QueryBuilder sort(List<SortOrder> keys) {
            sort = List.copyOf(keys);
            return this;
        }

        public QueryBuilder marker(Image m) {
            marker = m;
            return this;
        }

        public QueryBuilder limit(int l) {
            limit = l;
            return this;
        }

        public ImageQuery build() {
            return new ImageQuery(
                    viewer,
                    visibility,
                    memberStatus,
                    conditions,
                    propertyConditions,
                    tags,
                    osHidden,
                    sort,
                    marker,
                    limit);
        }
    }

    protected List<String> listIds(QueryBuilder q) {
        return ids(images.list(q.build()));
    }

    protected static SortOrder asc(ImageField field) {
        return new SortOrder(field, true);
    }

    protected static SortOrder desc(ImageField field) {
        return new SortOrder(field, false);
    }

    private static GlanceException glanceFailure(Runnable call) {
        GlanceException failure = catchThrowableOfType(GlanceException.class, call::run);
        assertThat(failure).as("expected a GlanceException").isNotNull();
        return failure;
    }

    // ------------------------------------------------------------------------------------------- add and find

    @Nested
    class AddAndFind {
        @Test
        void anAddedImageIsFoundWithEveryFieldTagOrderAndProperty() {
            Image full = add(fullImage(1));

            Image found = images.find(full.id()).orElseThrow();

            assertThat(found).isEqualTo(full);
            assertThat(found.tags()).containsExactly("zeta", "alpha", "middle");
            assertThat(found.properties().get("long")).hasSize(65_535);
            assertThat(found.updatedAt()).isEqualTo(T0.plusNanos(1));
            assertThat(found.revision()).isEqualTo(3);
        }

        @Test
        void anImageWithNullsIsFoundWithNulls() {
            Image bare = add(bareImage(1));

            Image found = images.find(bare.id()).orElseThrow();

            assertThat(found).isEqualTo(bare);
            assertThat(found.name()).isNull();
            assertThat(found.owner()).isNull();
            assertThat(found.size()).isNull();
            assertThat(found.virtualSize()).isNull();
            assertThat(found.deletedAt()).isNull();
            assertThat(found.tags()).isEmpty();
            assertThat(found.properties()).isEmpty();
        }

        @Test
        void tagsAndPropertiesKeepEveryCharacter() {
            String awkward =
                    "quote \" backslash \\ slash / newline \n tab \t bell \u0007 nul-free \u00e9 \ud83d\ude00 [1,{}]";
            Image image = add(image(1).tags(List.of(awkward, "{\"json\": true}", "null"))
                    .properties(Map.of(awkward, awkward, "json", "{\"a\": [1, 2]}", "null", "null", "empty", ""))
                    .build());

            assertThat(images.find(id(1))).contains(image);
            assertThat(images.list(query().build())).containsExactly(image);
        }

        @Test
        void findOfAnUnknownIdIsEmpty() {
            add(image(1).build());

            assertThat(images.find(id(2))).isEmpty();
        }

        @Test
        void addingAnIdTwiceIsAConflictThatNamesTheIdAndChangesNothing() {
            Image first = add(image(1).name("first").tags(List.of("one")).build());

            GlanceException failure = glanceFailure(() -> images.add(image(1).name("second")
                    .tags(List.of("two"))
                    .property("k", "v")
                    .build()));

            assertThat(failure.category()).isEqualTo(ErrorCategory.CONFLICT);
            assertThat(failure.getMessage()).contains(id(1));
            assertThat(images.find(id(1))).contains(first);
        }

        @Test
        void theIdOfADeletedImageCanNeverBeUsedAgain() {
            Image image = add(image(1).build());
            images.update(image.toBuilder()
                    .status(ImageStatus.DELETED)
                    .deletedAt(T0.plusSeconds(60))
                    .build());

            GlanceException failure =
                    glanceFailure(() -> images.add(image(1).name("reborn").build()));

            assertThat(failure.category()).isEqualTo(ErrorCategory.CONFLICT);
            assertThat(failure.getMessage()).contains(id(1));
            assertThat(images.find(id(1)).orElseThrow().status()).isEqualTo(ImageStatus.DELETED);
        }

        @Test
        void deletedImagesAreStillFound() {
            Image image = add(image(1).build());
            Image deleted = images.update(image.toBuilder()
                    .status(ImageStatus.DELETED)
                    .deletedAt(T0.plusSeconds(60))
                    .build());

            assertThat(images.find(id(1))).contains(deleted);
            assertThat(deleted.deletedAt()).isEqualTo(T0.plusSeconds(60));
        }

        @Test
        void imagesAreIndependentOfEachOther() {
            Image one = add(image(1).tags(List.of("a")).property("k", "1").build());
            Image two = add(image(2).tags(List.of("b")).property("k", "2").build());

            assertThat(images.find(id(1))).contains(one);
            assertThat(images.find(id(2))).contains(two);
        }
    }

    // ------------------------------------------------------------------------------------- bulk add if absent

    @Nested
    class BulkAdd {
        private ImageMember member(int image, String project, MemberStatus status) {
            return new ImageMember(id(image), project, status, T0.plusNanos(7), T0.plusSeconds(1));
        }

        @Test
        void everyEntryIsStoredAsAddStoresItWithItsMemberships() {
            Image full = fullImage(1);
            Image shared = image(2).visibility(Visibility.SHARED)
                    .tags(List.of("b", "a"))
                    .property("k", "v")
                    .locations(List.of(new ImageLocation("file:///images/2", "file1", Map.of("store", "file1"))))
                    .build();
            Image bare = bareImage(3);
            ImageMember friend = member(2, "p-friend", MemberStatus.ACCEPTED);
            ImageMember asked = member(2, "p-asked", MemberStatus.PENDING);

            BulkAddResult result = images.addAllAbsent(List.of(
                    ImageWithMembers.of(full),
                    new ImageWithMembers(shared, List.of(friend, asked)),
                    ImageWithMembers.of(bare)));

            assertThat(result.added()).containsExactly(id(1), id(2), id(3));
            assertThat(result.alreadyPresent()).isEmpty();
            assertThat(result.membersAdded()).containsExactly(friend, asked);
            assertThat(images.find(id(1))).contains(full);
            assertThat(images.find(id(2))).contains(shared);
            assertThat(images.find(id(3))).contains(bare);
            assertThat(members.listForImage(id(2))).containsExactlyInAnyOrder(friend, asked);
            assertThat(listIds(query().viewer("p-friend", false).visibility(VisibilityFilter.SHARED)))
                    .as("the list query sees the memberships")
                    .containsExactly(id(2));
        }

        @Test
        void anIdEverStoredIsLeftAsItIsAndReportedWhileTheOthersOfTheBatchAreAdded() {
            Image first = add(image(1).name("first").tags(List.of("one")).build());
            Image gone = images.update(add(image(2).build()).toBuilder()
                    .status(ImageStatus.DELETED)
                    .deletedAt(T0.plusSeconds(60))
                    .build());
            Image third = image(3).name("third").build();

            BulkAddResult result = images.addAllAbsent(List.of(
                    ImageWithMembers.of(image(1).name("second")
                            .tags(List.of("two"))
                            .property("k", "v")
                            .build()),
                    ImageWithMembers.of(image(2).name("reborn").build()),
                    ImageWithMembers.of(third)));

            assertThat(result.added()).containsExactly(id(3));
            assertThat(result.alreadyPresent()).containsExactly(id(1), id(2));
            assertThat(images.find(id(1))).contains(first);
            assertThat(images.find(id(2))).contains(gone);
            assertThat(images.find(id(3))).contains(third);
        }

        @Test
        void anImageAlreadyStoredGetsTheMembershipsItLacksAndKeepsTheOnesItHas() {
            add(image(1).visibility(Visibility.SHARED).build());
            ImageMember stored = member(1, "p-friend", MemberStatus.PENDING);
            members.add(stored);
            ImageMember lacking = member(1, "p-new", MemberStatus.ACCEPTED);

            BulkAddResult result = images.addAllAbsent(List.of(new ImageWithMembers(
                    image(1).visibility(Visibility.SHARED).build(),
                    List.of(member(1, "p-friend", MemberStatus.ACCEPTED), lacking))));

            assertThat(result.added()).isEmpty();
            assertThat(result.alreadyPresent()).containsExactly(id(1));
            assertThat(result.membersAdded()).containsExactly(lacking);
            assertThat(members.find(id(1), "p-friend")).contains(stored);
            assertThat(members.find(id(1), "p-new")).contains(lacking);
        }

        @Test
        void theSameBatchGivenAgainChangesNothingAndSaysSo() {
            List<ImageWithMembers> batch = List.of(
                    ImageWithMembers.of(fullImage(1)),
                    new ImageWithMembers(
                            image(2).visibility(Visibility.SHARED).build(),
                            List.of(member(2, "p-friend", MemberStatus.REJECTED))));
            images.addAllAbsent(batch);
            List<Image> before = images.list(query().build());

            BulkAddResult again = images.addAllAbsent(batch);

            assertThat(again.added()).isEmpty();
            assertThat(again.alreadyPresent()).containsExactly(id(1), id(2));
            assertThat(again.membersAdded()).isEmpty();
            assertThat(images.list(query().build())).isEqualTo(before);
            assertThat(members.listForImage(id(2))).containsExactly(member(2, "p-friend", MemberStatus.REJECTED));
        }

        @Test
        void anEmptyBatchStoresNothing() {
            BulkAddResult result = images.addAllAbsent(List.of());

            assertThat(result.added()).isEmpty();
            assertThat(result.alreadyPresent()).isEmpty();
            assertThat(result.membersAdded()).isEmpty();
            assertThat(images.list(query().build())).isEmpty();
        }

        @Test
        void aBatchWithAnIdTwiceIsRefusedAndStoresNothing() {
            List<ImageWithMembers> batch = List.of(
                    ImageWithMembers.of(image(1).build()),
                    ImageWithMembers.of(image(2).build()),
                    ImageWithMembers.of(image(1).name("again").build()));

            assertThatThrownBy(() -> images.addAllAbsent(batch))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(id(1));
            assertThat(images.list(query().build())).isEmpty();
        }

        @Test
        void aBatchOfThousandsOfImagesWithTheirRowsIsStoredWhole() {
            List<ImageWithMembers> batch = new ArrayList<>();
            for (int n = 1; n <= 2_500; n++) {
                Map<String, String> properties = new LinkedHashMap<>();
                for (int p = 0; p < 10; p++) {
                    properties.put("key" + p, "value " + n + "/" + p);
                }
                Image image = image(n).visibility(n % 2 == 0 ? Visibility.SHARED : Visibility.PUBLIC)
                        .properties(properties)
                        .tags(List.of("t" + n % 7, "all"))
                        .build();
                batch.add(new ImageWithMembers(
                        image, n % 2 == 0 ? List.of(member(n, "p-friend", MemberStatus.ACCEPTED)) : List.of()));
            }

            BulkAddResult result = images.addAllAbsent(batch);

            assertThat(result.added()).hasSize(2_500);
            assertThat(result.membersAdded()).hasSize(1_250);
            assertThat(images.find(id(1_777))).contains(batch.get(1_776).image());
            assertThat(listIds(query().tags("all").property("key9", Operator.EQ, "value 2500/9")))
                    .containsExactly(id(2_500));
            assertThat(listIds(query().viewer("p-friend", false)
                            .visibility(VisibilityFilter.SHARED)
                            .limit(2_000)))
                    .hasSize(1_250);
        }

        @Test
        void concurrentBatchesOfTheSameIdsStoreEachImageAndMembershipOnce() throws Exception {
            int threads = 4;
            List<ImageWithMembers> batch = new ArrayList<>();
            for (int n = 1; n <= 200; n++) {
                batch.add(new ImageWithMembers(
                        image(n).name("n" + n).build(), List.of(member(n, "p-friend", MemberStatus.ACCEPTED))));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<BulkAddResult> results = new ArrayList<>();
            try {
                List<Callable<BulkAddResult>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    List<ImageWithMembers> shuffled = new ArrayList<>(batch);
                    Collections.shuffle(shuffled, new Random(t));
                    work.add(() -> images.addAllAbsent(shuffled));
                }
                for (Future<BulkAddResult> result : pool.invokeAll(work)) {
                    results.add(result.get());
                }
            } finally {
                pool.shutdownNow();
            }
            List<String> added =
                    results.stream().flatMap(r -> r.added().stream()).toList();
            assertThat(added).hasSize(200).doesNotHaveDuplicates();
            assertThat(results.stream().mapToInt(r -> r.membersAdded().size()).sum())
                    .isEqualTo(200);
            for (BulkAddResult result : results) {
                assertThat(result.added().size() + result.alreadyPresent().size())
                        .isEqualTo(200);
            }
            assertThat(images.list(query().build())).hasSize(200);
        }
    }

    // ------------------------------------------------------------------------------------------------ update

    @Nested
    class Update {
        @Test
        void updateReplacesEveryFieldAndStoresTheNextRevision() {
            Image stored = add(fullImage(1));
            Image changed = stored.toBuilder()
                    .name("renamed")
                    .status(ImageStatus.DEACTIVATED)
                    .visibility(Visibility.SHARED)
                    .isProtected(false)
                    .osHidden(false)
                    .checksum("0123456789abcdef0123456789abcdef")
                    .osHashAlgo("sha256")
                    .osHashValue("b".repeat(64))
                    .owner("p-new")
                    .size(1L)
                    .virtualSize(2L)
                    .containerFormat("ovf")
                    .diskFormat("raw")
                    .minDisk(1)
                    .minRam(512)
                    .createdAt(T0.minusSeconds(3600))
                    .updatedAt(T0.plusSeconds(5).plusNanos(7))
                    .deletedAt(T0.plusSeconds(9))
                    .tags(List.of("new", "alpha"))
                    .properties(Map.of("os_distro", "debian", "added", "yes"))
                    .locations(List.of(
                            new ImageLocation(
                                    "file:///var/lib/images/" + id(1),
                                    "fast",
                                    Map.of("note", "quote \" and [brackets]")),
                            new ImageLocation("s3://bucket/" + id(1), "slow", Map.of())))
                    .build();

            Image updated = images.update(changed);

            assertThat(updated).isEqualTo(changed.toBuilder().revision(4).build());
            assertThat(images.find(id(1))).contains(updated);
            assertThat(images.find(id(1)).orElseThrow().locations())
                    .extracting(ImageLocation::storeId)
                    .containsExactly("fast", "slow");
            Image withoutData =
                    images.update(updated.toBuilder().locations(List.of()).build());
            assertThat(images.find(id(1)).orElseThrow().locations()).isEmpty();
            assertThat(images.list(query().build())).containsExactly(withoutData);
        }

        @Test
        void updateCanClearEveryNullableFieldTagsAndProperties() {
            Image stored = add(fullImage(1));
            Image cleared = stored.toBuilder()
                    .name(null)
                    .checksum(null)
                    .osHashAlgo(null)
                    .osHashValue(null)
                    .owner(null)
                    .size(null)
                    .virtualSize(null)
                    .containerFormat(null)
                    .diskFormat(null)
                    .deletedAt(null)
                    .tags(List.of())
                    .properties(Map.of())
                    .build();

            Image updated = images.update(cleared);

            assertThat(images.find(id(1))).contains(updated);
            assertThat(updated).isEqualTo(cleared.toBuilder().revision(4).build());
        }

        @Test
        void updateCanFillFieldsThatWereNull() {
            Image bare = add(bareImage(1));
            Image filled = fullImage(1).toBuilder().revision(bare.revision()).build();

            Image updated = images.update(filled);

            assertThat(images.find(id(1))).contains(updated);
            assertThat(updated.revision()).isEqualTo(bare.revision() + 1);
        }

        @Test
        void tagsKeepTheOrderOfTheRecordThroughUpdates() {
            Image stored = add(image(1).tags(List.of("c", "a", "b")).build());

            Image reordered = images.update(
                    stored.toBuilder().tags(List.of("b", "c", "a")).build());
            assertThat(images.find(id(1)).orElseThrow().tags()).containsExactly("b", "c", "a");

            images.update(reordered.toBuilder().tags(List.of("a", "d", "b")).build());
            assertThat(images.find(id(1)).orElseThrow().tags()).containsExactly("a", "d", "b");
        }

        @Test
        void updateAddsChangesAndRemovesProperties() {
            Image stored = add(image(1).properties(Map.of("keep", "1", "change", "old", "drop", "x"))
                    .build());

            images.update(stored.toBuilder()
                    .property("change", "new")
                    .removeProperty("drop")
                    .property("add", "y".repeat(65_535))
                    .build());

            assertThat(images.find(id(1)).orElseThrow().properties())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("keep", "1", "change", "new", "add", "y".repeat(65_535)));
        }

        @Test
        void successiveUpdatesCountTheRevision() {
            Image current = add(image(1).revision(0).build());
            for (int k = 1; k <= 5; k++) {
                current = images.update(current.toBuilder().minDisk(k).build());
                assertThat(current.revision()).isEqualTo(k);
            }
            assertThat(images.find(id(1)).orElseThrow().revision()).isEqualTo(5);
            assertThat(images.find(id(1)).orElseThrow().minDisk()).isEqualTo(5);
        }

        @Test
        void anUpdateBasedOnAnOldRevisionIsRefusedAndChangesNothing() {
            Image original = add(image(1).name("original")
                    .tags(List.of("t"))
                    .property("p", "1")
                    .build());
            Image winner = images.update(original.toBuilder().name("winner").build());

            StaleRevisionException failure = catchThrowableOfType(
                    StaleRevisionException.class,
                    () -> images.update(original.toBuilder()
                            .name("loser")
                            .tags(List.of("x"))
                            .property("p", "2")
                            .build()));

            assertThat(failure).isNotNull();
            assertThat(failure.category()).isEqualTo(ErrorCategory.CONFLICT);
            assertThat(images.find(id(1))).contains(winner);
        }

        @Test
        void anUpdateBasedOnARevisionFromTheFutureIsRefused() {
            Image original = add(image(1).revision(2).build());

            assertThatThrownBy(() -> images.update(
                            original.toBuilder().revision(7).name("x").build()))
                    .isInstanceOf(StaleRevisionException.class);
            assertThat(images.find(id(1))).contains(original);
        }

        @Test
        void updatingAnUnknownImageIsNotFoundAndStoresNothing() {
            GlanceException failure = glanceFailure(() -> images.update(image(9).build()));

            assertThat(failure).isNotInstanceOf(StaleRevisionException.class);
            assertThat(failure.category()).isEqualTo(ErrorCategory.NOT_FOUND);
            assertThat(images.find(id(9))).isEmpty();
        }

        @Test
        void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
            add(image(1).minRam(0).build());
            int threads = 8;
            int incrementsEach = 20;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<Integer>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    work.add(() -> {
                        int stale = 0;
                        for (int k = 0; k < incrementsEach; k++) {
                            while (true) {
                                Image current = images.find(id(1)).orElseThrow();
                                try {
                                    images.update(current.toBuilder()
                                            .minRam(current.minRam() + 1)
                                            .build());
                                    break;
                                } catch (StaleRevisionException e) {
                                    stale++;
                                }
                            }
                        }
                        return stale;
                    });
                }
                for (Future<Integer> result : pool.invokeAll(work)) {
                    result.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Image last = images.find(id(1)).orElseThrow();
            assertThat(last.minRam()).isEqualTo(threads * incrementsEach);
            assertThat(last.revision()).isEqualTo(threads * incrementsEach);
        }
    }

    // ------------------------------------------------------------------------------------------- visibility

    /**
     * Images of every kind seen from project {@code p-me}. Names say what each one is.
     */
    protected static final class VisibilityFixture {
        static final String ME = "p-me";
        static final String OTHER = "p-other";
        static final String THIRD = "p-third";
        static final String PUBLIC_OTHER = id(1);
        static final String COMMUNITY_OTHER = id(2);
        static final String COMMUNITY_MINE = id(3);
        static final String SHARED_MINE = id(4);
        static final String PRIVATE_MINE = id(5);
        static final String PRIVATE_OTHER = id(6);
        static final String SHARED_OTHER_NO_MEMBERS = id(7);
        static final String SHARED_ACCEPTED = id(8);
        static final String SHARED_PENDING = id(9);
        static final String SHARED_REJECTED = id(10);
        static final String PRIVATE_WITH_ACCEPTED_MEMBERSHIP = id(11);
        static final String PUBLIC_DELETED = id(12);
        static final String PRIVATE_WITHOUT_OWNER = id(13);
        static final String SHARED_WITH_THIRD = id(14);
        static final String COMMUNITY_WITH_ACCEPTED_MEMBERSHIP = id(15);
        static final String SHARED_MINE_DELETED = id(16);

        static List<String> everyNonDeleted() {
            List<String> all = new ArrayList<>();
            for (int n = 1; n <= 15; n++) {
                if (n != 12) {
                    all.add(id(n));
                }
            }
            return all;
        }
    }

    private void addVisibilityFixture() {
        addOwned(1, Visibility.PUBLIC, VisibilityFixture.OTHER);
        addOwned(2, Visibility.COMMUNITY, VisibilityFixture.OTHER);
        addOwned(3, Visibility.COMMUNITY, VisibilityFixture.ME);
        addOwned(4, Visibility.SHARED, VisibilityFixture.ME);
        addOwned(5, Visibility.PRIVATE, VisibilityFixture.ME);
        addOwned(6, Visibility.PRIVATE, VisibilityFixture.OTHER);
        addOwned(7, Visibility.SHARED, VisibilityFixture.OTHER);
        addOwned(8, Visibility.SHARED, VisibilityFixture.OTHER);
        addOwned(9, Visibility.SHARED, VisibilityFixture.OTHER);
        addOwned(10, Visibility.SHARED, VisibilityFixture.OTHER);
        addOwned(11, Visibility.PRIVATE, VisibilityFixture.OTHER);
        images.add(image(12)
                .visibility(Visibility.PUBLIC)
                .owner(VisibilityFixture.OTHER)
                .status(ImageStatus.DELETED)
                .deletedAt(T0)
                .build());
        images.add(image(13).visibility(Visibility.PRIVATE).owner(null).build());
        addOwned(14, Visibility.SHARED, VisibilityFixture.OTHER);
        addOwned(15, Visibility.COMMUNITY, VisibilityFixture.OTHER);
        images.add(image(16)
                .visibility(Visibility.SHARED)
                .owner(VisibilityFixture.ME)
                .status(ImageStatus.DELETED)
                .deletedAt(T0)
                .build());
        member(8, VisibilityFixture.ME, MemberStatus.ACCEPTED);
        member(9, VisibilityFixture.ME, MemberStatus.PENDING);
        member(10, VisibilityFixture.ME, MemberStatus.REJECTED);
        member(11, VisibilityFixture.ME, MemberStatus.ACCEPTED);
        member(12, VisibilityFixture.ME, MemberStatus.ACCEPTED);
        member(14, VisibilityFixture.THIRD, MemberStatus.ACCEPTED);
        member(15, VisibilityFixture.ME, MemberStatus.ACCEPTED);
    }

    private void addOwned(int n, Visibility visibility, String owner) {
        images.add(image(n).visibility(visibility).owner(owner).build());
    }

    private void member(int image, String project, MemberStatus status) {
        members.add(new ImageMember(id(image), project, status, T0, T0));
    }

    private List<String> visible(String project, boolean admin, VisibilityFilter filter, MemberStatus status) {
        return listIds(query().viewer(project, admin).visibility(filter).memberStatus(status));
    }

    @Nested
    class Visibilities {
        @BeforeEach
        void fixture() {
            addVisibilityFixture();
        }

        @Test
        void anAdminWithAllSeesEveryImageButDeletedOnes() {
            assertThat(visible("p-admin", true, VisibilityFilter.ALL, null))
                    .containsExactlyElementsOf(VisibilityFixture.everyNonDeleted());
            assertThat(visible("p-admin", true, VisibilityFilter.ALL, MemberStatus.ACCEPTED))
                    .containsExactlyElementsOf(VisibilityFixture.everyNonDeleted());
            assertThat(visible(null, true, VisibilityFilter.ALL, null))
                    .containsExactlyElementsOf(VisibilityFixture.everyNonDeleted());
        }

        @Test
        void anAdminsDefaultListLeavesOutCommunityImagesOfOtherProjects() {
            List<String> expected = new ArrayList<>(VisibilityFixture.everyNonDeleted());
            expected.removeAll(List.of(
                    VisibilityFixture.COMMUNITY_OTHER,
                    VisibilityFixture.COMMUNITY_MINE,
                    VisibilityFixture.COMMUNITY_WITH_ACCEPTED_MEMBERSHIP));
            assertThat(visible("p-admin", true, VisibilityFilter.DEFAULT, MemberStatus.ACCEPTED))
                    .containsExactlyElementsOf(expected);
            assertThat(visible(null, true, VisibilityFilter.DEFAULT, MemberStatus.ACCEPTED))
                    .containsExactlyElementsOf(expected);

            expected.add(1, VisibilityFixture.COMMUNITY_MINE);
            assertThat(visible(VisibilityFixture.ME, true, VisibilityFilter.DEFAULT, MemberStatus.ACCEPTED))
                    .containsExactlyElementsOf(expected);
        }

        @Test
        void anAdminsNamedVisibilityKeepsOnlyThatVisibility() {
            assertThat(visible("p-admin", true, VisibilityFilter.PRIVATE, null))
                    .containsExactly(
                            VisibilityFixture.PRIVATE_MINE, VisibilityFixture.PRIVATE_OTHER,
                            VisibilityFixture.PRIVATE_WITH_ACCEPTED_MEMBERSHIP,
                                    VisibilityFixture.PRIVATE_WITHOUT_OWNER);
            assertThat(visible("p-admin", true, VisibilityFilter.SHARED, MemberStatus.ACCEPTED))
                    .containsExactly(
                            VisibilityFixture.SHARED_MINE, VisibilityFixture.SHARED_OTHER_NO_MEMBERS,
                            VisibilityFixture.SHARED_ACCEPTED, VisibilityFixture.SHARED_PENDING,
                            VisibilityFixture.SHARED_REJECTED, VisibilityFixture.SHARED_WITH_THIRD);
        }

        @Test
        void aProjectWithAllAndAnyMemberStatusSeesPublicCommunityOwnAndEveryMembershipOfSharedImages() {
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.ALL, null))
                    .containsExactly(
                            VisibilityFixture.PUBLIC_OTHER,
                            VisibilityFixture.COMMUNITY_OTHER,
                            VisibilityFixture.COMMUNITY_MINE,
                            VisibilityFixture.SHARED_MINE,
                            VisibilityFixture.PRIVATE_MINE,
                            VisibilityFixture.SHARED_ACCEPTED,
                            VisibilityFixture.SHARED_PENDING,
                            VisibilityFixture.SHARED_REJECTED,
                            VisibilityFixture.COMMUNITY_WITH_ACCEPTED_MEMBERSHIP);
        }

        @Test
        void theMemberStatusDecidesWhichSharedImagesOfOthersCount() {
            List<String> base = List.of(
                    VisibilityFixture.PUBLIC_OTHER,
                    VisibilityFixture.COMMUNITY_OTHER,
                    VisibilityFixture.COMMUNITY_MINE,
                    VisibilityFixture.SHARED_MINE,
                    VisibilityFixture.PRIVATE_MINE);
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.ALL, MemberStatus.ACCEPTED))
                    .containsExactlyElementsOf(with(
                            base,
                            VisibilityFixture.SHARED_ACCEPTED,
                            VisibilityFixture.COMMUNITY_WITH_ACCEPTED_MEMBERSHIP));
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.ALL, MemberStatus.PENDING))
                    .containsExactlyElementsOf(with(
                            base,
                            VisibilityFixture.SHARED_PENDING,
                            VisibilityFixture.COMMUNITY_WITH_ACCEPTED_MEMBERSHIP));
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.ALL, MemberStatus.REJECTED))
                    .containsExactlyElementsOf(with(
                            base,
                            VisibilityFixture.SHARED_REJECTED,
                            VisibilityFixture.COMMUNITY_WITH_ACCEPTED_MEMBERSHIP));
        }

        @Test
        void aProjectsDefaultListKeepsOnlyItsOwnCommunityImages() {
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.DEFAULT, MemberStatus.ACCEPTED))
                    .containsExactly(
                            VisibilityFixture.PUBLIC_OTHER,
                            VisibilityFixture.COMMUNITY_MINE,
                            VisibilityFixture.SHARED_MINE,
                            VisibilityFixture.PRIVATE_MINE,
                            VisibilityFixture.SHARED_ACCEPTED);
        }

        @Test
        void aProjectsNamedVisibilitiesNarrowItsCandidates() {
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.PUBLIC, MemberStatus.ACCEPTED))
                    .containsExactly(VisibilityFixture.PUBLIC_OTHER);
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.COMMUNITY, MemberStatus.ACCEPTED))
                    .containsExactly(
                            VisibilityFixture.COMMUNITY_OTHER,
                            VisibilityFixture.COMMUNITY_MINE,
                            VisibilityFixture.COMMUNITY_WITH_ACCEPTED_MEMBERSHIP);
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.SHARED, MemberStatus.ACCEPTED))
                    .containsExactly(VisibilityFixture.SHARED_MINE, VisibilityFixture.SHARED_ACCEPTED);
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.SHARED, null))
                    .containsExactly(
                            VisibilityFixture.SHARED_MINE,
                            VisibilityFixture.SHARED_ACCEPTED,
                            VisibilityFixture.SHARED_PENDING,
                            VisibilityFixture.SHARED_REJECTED);
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.SHARED, MemberStatus.PENDING))
                    .containsExactly(VisibilityFixture.SHARED_MINE, VisibilityFixture.SHARED_PENDING);
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.PRIVATE, null))
                    .containsExactly(VisibilityFixture.PRIVATE_MINE);
        }

        @Test
        void anotherProjectSeesOnlyWhatIsOpenToAllAndItsOwnMemberships() {
            assertThat(visible(VisibilityFixture.THIRD, false, VisibilityFilter.ALL, null))
                    .containsExactly(
                            VisibilityFixture.PUBLIC_OTHER,
                            VisibilityFixture.COMMUNITY_OTHER,
                            VisibilityFixture.COMMUNITY_MINE,
                            VisibilityFixture.SHARED_WITH_THIRD,
                            VisibilityFixture.COMMUNITY_WITH_ACCEPTED_MEMBERSHIP);
            assertThat(visible(VisibilityFixture.THIRD, false, VisibilityFilter.DEFAULT, MemberStatus.ACCEPTED))
                    .containsExactly(VisibilityFixture.PUBLIC_OTHER, VisibilityFixture.SHARED_WITH_THIRD);
        }

        @Test
        void theOwnerSeesItsPrivateAndSharedImagesWhateverTheirMemberships() {
            assertThat(visible(VisibilityFixture.OTHER, false, VisibilityFilter.PRIVATE, MemberStatus.ACCEPTED))
                    .containsExactly(
                            VisibilityFixture.PRIVATE_OTHER, VisibilityFixture.PRIVATE_WITH_ACCEPTED_MEMBERSHIP);
            assertThat(visible(VisibilityFixture.OTHER, false, VisibilityFilter.SHARED, MemberStatus.ACCEPTED))
                    .containsExactly(
                            VisibilityFixture.SHARED_OTHER_NO_MEMBERS,
                            VisibilityFixture.SHARED_ACCEPTED,
                            VisibilityFixture.SHARED_PENDING,
                            VisibilityFixture.SHARED_REJECTED,
                            VisibilityFixture.SHARED_WITH_THIRD);
        }

        @Test
        void aCallerWithoutProjectSeesPublicAndCommunityImagesOnly() {
            assertThat(visible(null, false, VisibilityFilter.ALL, null))
                    .containsExactly(
                            VisibilityFixture.PUBLIC_OTHER, VisibilityFixture.COMMUNITY_OTHER,
                            VisibilityFixture.COMMUNITY_MINE, VisibilityFixture.COMMUNITY_WITH_ACCEPTED_MEMBERSHIP);
            assertThat(visible(null, false, VisibilityFilter.DEFAULT, MemberStatus.ACCEPTED))
                    .containsExactly(VisibilityFixture.PUBLIC_OTHER);
            assertThat(visible(null, false, VisibilityFilter.COMMUNITY, null))
                    .containsExactly(
                            VisibilityFixture.COMMUNITY_OTHER,
                            VisibilityFixture.COMMUNITY_MINE,
                            VisibilityFixture.COMMUNITY_WITH_ACCEPTED_MEMBERSHIP);
            assertThat(visible(null, false, VisibilityFilter.SHARED, null)).isEmpty();
            assertThat(visible(null, false, VisibilityFilter.PRIVATE, null)).isEmpty();
        }

        @Test
        void listsFollowMembershipChanges() {
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.SHARED, MemberStatus.ACCEPTED))
                    .doesNotContain(VisibilityFixture.SHARED_PENDING);

            members.update(new ImageMember(
                    VisibilityFixture.SHARED_PENDING,
                    VisibilityFixture.ME,
                    MemberStatus.ACCEPTED,
                    T0,
                    T0.plusSeconds(1)));
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.SHARED, MemberStatus.ACCEPTED))
                    .containsExactly(
                            VisibilityFixture.SHARED_MINE,
                            VisibilityFixture.SHARED_ACCEPTED,
                            VisibilityFixture.SHARED_PENDING);

            members.remove(VisibilityFixture.SHARED_ACCEPTED, VisibilityFixture.ME);
            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.SHARED, null))
                    .containsExactly(
                            VisibilityFixture.SHARED_MINE,
                            VisibilityFixture.SHARED_PENDING,
                            VisibilityFixture.SHARED_REJECTED);
        }

        @Test
        void makingASharedImagePrivateHidesItFromItsMembers() {
            Image shared = images.find(VisibilityFixture.SHARED_ACCEPTED).orElseThrow();
            images.update(shared.toBuilder().visibility(Visibility.PRIVATE).build());

            assertThat(visible(VisibilityFixture.ME, false, VisibilityFilter.ALL, null))
                    .doesNotContain(VisibilityFixture.SHARED_ACCEPTED);
        }

        private List<String> with(List<String> base, String... more) {
            List<String> all = new ArrayList<>(base);
            all.addAll(List.of(more));
            Collections.sort(all);
            return all;
        }
    }

    // ------------------------------------------------------------------------------------------- conditions

    /**
     * Three increasing values of one field (and whether it may be null), and how to set it on an image. The
     * values are typed as {@link Condition} wants them.
     */
    protected record Ladder(
            ImageField field,
            Object low,
            Object mid,
            Object high,
            boolean nullable,
            BiFunction<Image.Builder, Object, Image.Builder> setter) {
        @Override
        public String toString() {
            return field.wireName();
        }
    }

    protected static Stream<Ladder> ladders() {
        return Stream.of(
                new Ladder(ImageField.NAME, "alpha", "beta", "gamma", true, (b, v) -> b.name((String) v)),
                new Ladder(
                        ImageField.STATUS,
                        "active",
                        "killed",
                        "queued",
                        false,
                        (b, v) -> b.status(ImageStatus.fromWire((String) v))),
                new Ladder(
                        ImageField.VISIBILITY,
                        "community",
                        "private",
                        "public",
                        false,
                        (b, v) -> b.visibility(Visibility.fromWire((String) v))),
                new Ladder(ImageField.OWNER, "p-alpha", "p-beta", "p-gamma", true, (b, v) -> b.owner((String) v)),
                new Ladder(
                        ImageField.CONTAINER_FORMAT,
                        "ami",
                        "bare",
                        "ovf",
                        true,
                        (b, v) -> b.containerFormat((String) v)),
                new Ladder(ImageField.DISK_FORMAT, "iso", "qcow2", "raw", true, (b, v) -> b.diskFormat((String) v)),
                new Ladder(ImageField.SIZE, 0L, 5_000_000_000L, 5_000_000_001L, true, (b, v) -> b.size((Long) v)),
                new Ladder(
                        ImageField.VIRTUAL_SIZE, 1L, 2L, 3_000_000_000_000L, true, (b, v) -> b.virtualSize((Long) v)),
                new Ladder(ImageField.MIN_DISK, 0, 9, 10, false, (b, v) -> b.minDisk((Integer) v)),
                new Ladder(ImageField.MIN_RAM, 0, 512, 2048, false, (b, v) -> b.minRam((Integer) v)),
                new Ladder(ImageField.CHECKSUM, "0aaa", "9bbb", "fccc", true, (b, v) -> b.checksum((String) v)),
                new Ladder(ImageField.OS_HASH_VALUE, "1abc", "1abd", "2", true, (b, v) -> b.osHashValue((String) v)),
                new Ladder(
                        ImageField.CREATED_AT,
                        T0,
                        T0.plusNanos(1),
                        T0.plusSeconds(86_400),
                        false,
                        (b, v) -> b.createdAt((Instant) v)),
                new Ladder(
                        ImageField.UPDATED_AT,
                        T0.minusSeconds(1),
                        T0,
                        T0.plusNanos(1000),
                        false,
                        (b, v) -> b.updatedAt((Instant) v)));
    }

    /** Adds a (low), b1 and b2 (mid), c (high) and, for nullable fields, n (null); returns the ids by letter. */
    private Map<String, String> addLadder(Ladder ladder) {
        Map<String, String> ids = new LinkedHashMap<>();
        int n = 100;
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"c", ladder.high()});
        rows.add(new Object[] {"b2", ladder.mid()});
        rows.add(new Object[] {"a", ladder.low()});
        rows.add(new Object[] {"b1", ladder.mid()});
        if (ladder.nullable()) {
            rows.add(new Object[] {"n", null});
        }
        for (Object[] row : rows) {
            n++;
            Image image = ladder.setter().apply(image(n), row[1]).build();
            ids.put((String) row[0], image.id());
            images.add(image);
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ladders")
    void everyOperatorComparesEveryFilterableFieldAndNullNeverMatches(Ladder ladder) {
        Map<String, String> ids = addLadder(ladder);
        ImageField f = ladder.field();

        assertThat(conditionIds(f, Operator.EQ, ladder.mid())).containsExactlyInAnyOrder(ids.get("b1"), ids.get("b2"));
        assertThat(conditionIds(f, Operator.NEQ, ladder.mid())).containsExactlyInAnyOrder(ids.get("a"), ids.get("c"));
        assertThat(conditionIds(f, Operator.GT, ladder.mid())).containsExactlyInAnyOrder(ids.get("c"));
        assertThat(conditionIds(f, Operator.GTE, ladder.mid()))
                .containsExactlyInAnyOrder(ids.get("b1"), ids.get("b2"), ids.get("c"));
        assertThat(conditionIds(f, Operator.LT, ladder.mid())).containsExactlyInAnyOrder(ids.get("a"));
        assertThat(conditionIds(f, Operator.LTE, ladder.mid()))
                .containsExactlyInAnyOrder(ids.get("a"), ids.get("b1"), ids.get("b2"));
        assertThat(conditionIds(f, Operator.GT, ladder.high())).isEmpty();
        assertThat(conditionIds(f, Operator.LT, ladder.low())).isEmpty();
        assertThat(conditionIds(f, Operator.IN, ladder.low(), ladder.high()))
                .containsExactlyInAnyOrder(ids.get("a"), ids.get("c"));
        assertThat(conditionIds(f, Operator.IN, ladder.mid())).containsExactlyInAnyOrder(ids.get("b1"), ids.get("b2"));
        assertThat(conditionIds(f, Operator.GTE, ladder.low(), Operator.LT, ladder.high()))
                .containsExactlyInAnyOrder(ids.get("a"), ids.get("b1"), ids.get("b2"));
    }

    @Test
    void everyOperatorComparesIds() {
        for (int n = 1; n <= 4; n++) {
            images.add(image(n).build());
        }
        assertThat(conditionIds(ImageField.ID, Operator.EQ, id(2))).containsExactly(id(2));
        assertThat(conditionIds(ImageField.ID, Operator.NEQ, id(2))).containsExactly(id(1), id(3), id(4));
        assertThat(conditionIds(ImageField.ID, Operator.GT, id(2))).containsExactly(id(3), id(4));
        assertThat(conditionIds(ImageField.ID, Operator.GTE, id(2))).containsExactly(id(2), id(3), id(4));
        assertThat(conditionIds(ImageField.ID, Operator.LT, id(2))).containsExactly(id(1));
        assertThat(conditionIds(ImageField.ID, Operator.LTE, id(2))).containsExactly(id(1), id(2));
        assertThat(conditionIds(ImageField.ID, Operator.IN, id(4), id(1), id(9)))
                .containsExactly(id(1), id(4));
    }

    @Test
    void everyOperatorComparesBooleansWithFalseBeforeTrue() {
        images.add(image(1).isProtected(false).osHidden(true).build());
        images.add(image(2).isProtected(true).osHidden(false).build());
        images.add(image(3).isProtected(false).osHidden(false).build());

        assertThat(conditionIds(ImageField.PROTECTED, Operator.EQ, true)).containsExactly(id(2));
        assertThat(conditionIds(ImageField.PROTECTED, Operator.NEQ, true)).containsExactly(id(1), id(3));
        assertThat(conditionIds(ImageField.PROTECTED, Operator.GT, false)).containsExactly(id(2));
        assertThat(conditionIds(ImageField.PROTECTED, Operator.GTE, false)).containsExactly(id(1), id(2), id(3));
        assertThat(conditionIds(ImageField.PROTECTED, Operator.LT, true)).containsExactly(id(1), id(3));
        assertThat(conditionIds(ImageField.PROTECTED, Operator.LTE, false)).containsExactly(id(1), id(3));
        assertThat(conditionIds(ImageField.PROTECTED, Operator.IN, true)).containsExactly(id(2));
        assertThat(conditionIds(ImageField.PROTECTED, Operator.IN, true, false)).containsExactly(id(1), id(2), id(3));
        assertThat(conditionIds(ImageField.OS_HIDDEN, Operator.EQ, true)).containsExactly(id(1));
        assertThat(conditionIds(ImageField.OS_HIDDEN, Operator.NEQ, true)).containsExactly(id(2), id(3));
        assertThat(conditionIds(ImageField.OS_HIDDEN, Operator.LT, true)).containsExactly(id(2), id(3));
        assertThat(conditionIds(ImageField.OS_HIDDEN, Operator.GTE, true)).containsExactly(id(1));
    }

    @Test
    void textComparisonsAreExactAndOrderedByCodePoint() {
        images.add(image(1).name("Ubuntu").build());
        images.add(image(2).name("ubuntu").build());
        images.add(image(3).name("ubuntu ").build());
        images.add(image(4).name("\u00e9t\u00e9").build());

        assertThat(conditionIds(ImageField.NAME, Operator.EQ, "ubuntu")).containsExactly(id(2));
        assertThat(conditionIds(ImageField.NAME, Operator.LT, "a")).containsExactly(id(1));
        assertThat(conditionIds(ImageField.NAME, Operator.GT, "z")).containsExactly(id(4));
        assertThat(conditionIds(ImageField.NAME, Operator.GT, "ubuntu")).containsExactly(id(3), id(4));
    }

    @Test
    void everyConditionMustHold() {
        images.add(image(1).size(10L).diskFormat("raw").build());
        images.add(image(2).size(20L).diskFormat("raw").build());
        images.add(image(3).size(20L).diskFormat("qcow2").build());

        assertThat(listIds(query().where(ImageField.SIZE, Operator.GTE, 20L)
                        .where(ImageField.DISK_FORMAT, Operator.EQ, "raw")))
                .containsExactly(id(2));
        assertThat(listIds(query().where(ImageField.SIZE, Operator.LT, 20L)
                        .where(ImageField.DISK_FORMAT, Operator.EQ, "qcow2")))
                .isEmpty();
    }

    @Test
    void conditionsDoNotWidenVisibility() {
        images.add(image(1).visibility(Visibility.PRIVATE)
                .owner("p-other")
                .name("x")
                .build());
        images.add(image(2).visibility(Visibility.PUBLIC)
                .owner("p-other")
                .name("x")
                .build());

        assertThat(listIds(query().viewer("p-me", false).where(ImageField.NAME, Operator.EQ, "x")))
                .containsExactly(id(2));
        assertThat(listIds(query().viewer("p-me", false).where(ImageField.OWNER, Operator.EQ, "p-other")))
                .containsExactly(id(2));
    }

    private List<String> conditionIds(ImageField field, Operator op, Object... values) {
        return listIds(query().where(field, op, values));
    }

    private List<String> conditionIds(ImageField field, Operator op1, Object v1, Operator op2, Object v2) {
        return listIds(query().where(field, op1, v1).where(field, op2, v2));
    }

    /**
     * Pages of a viewer who is not an administrator, walked with a marker, against the order and the candidates that
     * {@link ImageQuery} defines, computed here image by image: a repository may find a non-administrator's images
     * through several paths (own, public, community, shared with the project), and their merge must give the same
     * pages as one filter over all images, with markers in the middle of each path, ties on every sort key, nulls,
     * every membership status and every visibility filter.
     */
    @Nested
    class NonAdminPages {
        private static final String ME = "p-me";
        private static final String[] OWNERS = {ME, "p-other", "p-third", null};
        private static final String[] NAMES = {"alpha", null, "beta", "alpha", "gamma"};
        private static final Long[] SIZES = {10L, null, 20L, 10L};
        private final List<Image> stored = new ArrayList<>();
        private final Map<String, MemberStatus> myMemberships = new LinkedHashMap<>();

        @BeforeEach
        void fixture() {
            Random random = new Random(1515);
            for (int n = 1; n <= 64; n++) {
                ImageStatus status =
                        n % 13 == 0 ? ImageStatus.DELETED : n % 5 == 0 ? ImageStatus.QUEUED : ImageStatus.ACTIVE;
                Image image = Image.builder(id(1000 - n), T0.plusSeconds(n / 4)) // ties on created_at, ids against it
                        .status(status)
                        .deletedAt(status == ImageStatus.DELETED ? T0 : null)
                        .visibility(Visibility.values()[random.nextInt(Visibility.values().length)])
                        .owner(OWNERS[random.nextInt(OWNERS.length)])
                        .name(NAMES[random.nextInt(NAMES.length)])
                        .size(SIZES[random.nextInt(SIZES.length)])
                        .build();
                stored.add(add(image));
                if (random.nextInt(3) > 0) { // memberships of its own images too: an image must not come twice
                    MemberStatus memberStatus = MemberStatus.values()[random.nextInt(MemberStatus.values().length)];
                    members.add(new ImageMember(image.id(), ME, memberStatus, T0, T0));
                    myMemberships.put(image.id(), memberStatus);
                }
                if (random.nextInt(4) == 0) {
                    members.add(new ImageMember(image.id(), "p-third", MemberStatus.ACCEPTED, T0, T0));
                }
            }
        }

        @Test
        void everyPageOfAViewerWithAProjectIsTheSliceOfTheWholeOrder() {
            int walked = 0;
            for (List<SortOrder> sort : sorts()) {
                for (VisibilityFilter filter : VisibilityFilter.values()) {
                    for (MemberStatus status :
                            new MemberStatus[] {MemberStatus.ACCEPTED, MemberStatus.PENDING, MemberStatus.REJECTED, null
                            }) {
                        walked += walk(query().viewer(ME, false)
                                .visibility(filter)
                                .memberStatus(status)
                                .sort(sort));
                    }
                }
                walked += walk(query().viewer(ME, false)
                        .visibility(VisibilityFilter.ALL)
                        .sort(sort)
                        .where(ImageField.STATUS, Operator.EQ, "active"));
                walked += walk(query().viewer(ME, false)
                        .visibility(VisibilityFilter.DEFAULT)
                        .memberStatus(MemberStatus.ACCEPTED)
                        .sort(sort)
                        .where(ImageField.NAME, Operator.EQ, "alpha"));
            }
            assertThat(walked).as("pages walked").isGreaterThan(100);
        }

        @Test
        void everyPageOfAViewerWithoutProjectIsTheSliceOfTheWholeOrder() {
            for (List<SortOrder> sort : sorts()) {
                for (VisibilityFilter filter : VisibilityFilter.values()) {
                    walk(query().viewer(null, false).visibility(filter).sort(sort));
                }
            }
        }

        private List<List<SortOrder>> sorts() {
            return List.of(
                    List.of(desc(ImageField.CREATED_AT), desc(ImageField.ID)),
                    List.of(asc(ImageField.NAME), asc(ImageField.ID)),
                    List.of(desc(ImageField.NAME), desc(ImageField.ID)),
                    List.of(desc(ImageField.SIZE), asc(ImageField.CREATED_AT), desc(ImageField.ID)),
                    List.of(asc(ImageField.SIZE), desc(ImageField.NAME), asc(ImageField.ID)));
        }

        /** Walks every page of 3 of {@code q} and checks each against the expected order; returns the pages. */
        private int walk(QueryBuilder q) {
            ImageQuery whole = q.limit(1000).marker(null).build();
            List<String> expected = expected(whole);
            assertThat(listIds(q)).as("one page of all: %s", whole).containsExactlyElementsOf(expected);
            List<String> paged = new ArrayList<>();
            Image marker = null;
            int pages = 0;
            while (true) {
                List<Image> page = images.list(q.limit(3).marker(marker).build());
                pages++;
                paged.addAll(ids(page));
                if (page.size() < 3 || pages > expected.size()) {
                    break;
                }
                marker = page.get(page.size() - 1);
            }
            assertThat(paged).as("pages of 3: %s", whole).containsExactlyElementsOf(expected);
            return pages;
        }

        private List<String> expected(ImageQuery q) {
            Comparator<Image> order = null;
            for (SortOrder key : q.sort()) {
                Comparator<Image> byKey = Comparator.comparing(
                        image -> comparable(key.field(), image), Comparator.nullsFirst(Comparator.naturalOrder()));
                byKey = key.ascending() ? byKey : byKey.reversed();
                order = order == null ? byKey : order.thenComparing(byKey);
            }
            return stored.stream()
                    .filter(image -> candidate(q, image))
                    .filter(image -> q.conditions().stream()
                            .allMatch(c -> comparable(c.field(), image) != null
                                    && c.values().contains(comparable(c.field(), image))))
                    .sorted(order)
                    .map(Image::id)
                    .toList();
        }

        @SuppressWarnings("unchecked")
        private static Comparable<Object> comparable(ImageField field, Image image) {
            return (Comparable<Object>) field.valueIn(image);
        }

        /** The candidates and the visibility filter, as {@link ImageQuery} words them. */
        private boolean candidate(ImageQuery q, Image image) {
            String project = q.viewer().projectId();
            boolean mine = project != null && project.equals(image.owner());
            MemberStatus membership = project == null ? null : myMemberships.get(image.id());
            boolean member = membership != null && (q.memberStatus() == null || q.memberStatus() == membership);
            boolean seen = image.status() != ImageStatus.DELETED
                    && (image.visibility() == Visibility.PUBLIC
                            || image.visibility() == Visibility.COMMUNITY
                            || mine
                            || image.visibility() == Visibility.SHARED && member);
            return seen
                    && switch (q.visibility()) {
                        case ALL -> true;
                        case DEFAULT -> image.visibility() != Visibility.COMMUNITY || mine;
                        case PUBLIC -> image.visibility() == Visibility.PUBLIC;
                        case COMMUNITY -> image.visibility() == Visibility.COMMUNITY;
                        case SHARED -> image.visibility() == Visibility.SHARED;
                        case PRIVATE -> image.visibility() == Visibility.PRIVATE;
                    };
        }
    }

    @Nested
    class UsageOfAProject {
        private static final String PROJECT = "p-usage";
        private static final long MIB = 1024L * 1024L;

        private Image.Builder owned(int n, ImageStatus status, Long size, int locations) {
            List<ImageLocation> where = new ArrayList<>();
            for (int k = 0; k < locations; k++) {
                where.add(new ImageLocation(
                        "file:///store-" + k + "/" + id(n), "store-" + k, Map.of("a", "b \"quoted\"")));
            }
            return image(n).owner(PROJECT).status(status).size(size).locations(where);
        }

        @Test
        void aProjectWithoutImagesUsesNothing() {
            add(image(1).owner("p-else").size(5L).build());
            assertThat(images.usageOf(PROJECT)).isEqualTo(ProjectImageUsage.NONE);
        }

        @Test
        void eachStatusSizeLocationAndCopyCountsAsTheUnifiedLimitsCountThem() {
            add(owned(1, ImageStatus.ACTIVE, 10 * MIB, 2).build()); // stored 20 MiB
            add(owned(2, ImageStatus.ACTIVE, 3L, 1)
                    .properties(Map.of(ProjectImageUsage.COPYING_PROPERTY, "store-b", "other", "x"))
                    .build()); // stored 3, staged 3, copying
            add(owned(3, ImageStatus.ACTIVE, 7L, 1)
                    .properties(Map.of(ProjectImageUsage.COPYING_PROPERTY, ""))
                    .build()); // stored 7, not copying
            add(owned(4, ImageStatus.SAVING, 100L, 0).build()); // uploading, not staged
            add(owned(5, ImageStatus.UPLOADING, 1000L, 0).build()); // uploading, staged 1000
            add(owned(6, ImageStatus.IMPORTING, 10_000L, 0)
                    .properties(Map.of(ProjectImageUsage.COPYING_PROPERTY, "store-b"))
                    .build()); // uploading, staged once
            add(owned(7, ImageStatus.QUEUED, null, 0).build()); // counts as an image only
            add(owned(8, ImageStatus.DEACTIVATED, 5L, 3).build()); // stored 15
            add(owned(9, ImageStatus.KILLED, 1L << 40, 1).build()); // counts for nothing
            add(owned(10, ImageStatus.PENDING_DELETE, 1L << 40, 1).build());
            add(owned(11, ImageStatus.DELETED, 1L << 40, 1).deletedAt(T0).build());
            add(image(12)
                    .owner("p-else")
                    .status(ImageStatus.UPLOADING)
                    .size(1L << 40)
                    .build());
            add(image(13)
                    .owner(null)
                    .status(ImageStatus.UPLOADING)
                    .size(1L << 40)
                    .build());

            assertThat(images.usageOf(PROJECT))
                    .isEqualTo(new ProjectImageUsage(8, 20 * MIB + 3 + 7 + 15, 3 + 1000 + 10_000, 4));
        }

        @Test
        void theUsageFollowsUpdates() {
            Image image = add(owned(1, ImageStatus.UPLOADING, 4L, 0).build());
            assertThat(images.usageOf(PROJECT)).isEqualTo(new ProjectImageUsage(1, 0, 4, 1));

            Image active = images.update(image.toBuilder()
                    .status(ImageStatus.ACTIVE)
                    .locations(List.of(new ImageLocation("file:///a/" + id(1), "a", Map.of())))
                    .build());
            assertThat(images.usageOf(PROJECT)).isEqualTo(new ProjectImageUsage(1, 4, 0, 0));

            images.update(
                    active.toBuilder().status(ImageStatus.DELETED).deletedAt(T0).build());
            assertThat(images.usageOf(PROJECT)).isEqualTo(ProjectImageUsage.NONE);
        }

        @Test
        void theUsageOfAProjectWithMoreImagesThanOnePageCountsThemAll() {
            for (int n = 1; n <= 600; n++) {
                add(owned(n, ImageStatus.ACTIVE, 2L, 1).build());
            }
            assertThat(images.usageOf(PROJECT)).isEqualTo(new ProjectImageUsage(600, 1200, 0, 0));
        }
    }

    @Nested
    class PropertiesTagsAndHidden {
        @Test
        void propertyEqualityMatchesExactValuesOfThatKey() {
            images.add(image(1).properties(Map.of("os_distro", "ubuntu", "arch", "x86_64"))
                    .build());
            images.add(image(2).properties(Map.of("os_distro", "debian", "arch", "x86_64"))
                    .build());
            images.add(image(3).properties(Map.of("os_distro", "Ubuntu")).build());
            images.add(image(4).properties(Map.of("other", "ubuntu")).build());
            images.add(image(5).build());

            assertThat(listIds(query().property("os_distro", Operator.EQ, "ubuntu")))
                    .containsExactly(id(1));
            assertThat(listIds(query().property("arch", Operator.EQ, "x86_64"))).containsExactly(id(1), id(2));
            assertThat(listIds(query().property("missing", Operator.EQ, "ubuntu")))
                    .isEmpty();
            assertThat(listIds(query().property("os_distro", Operator.EQ, "ubuntu")
                            .property("arch", Operator.EQ, "x86_64")))
                    .containsExactly(id(1));
            assertThat(listIds(query().property("os_distro", Operator.EQ, "debian")
                            .property("arch", Operator.EQ, "arm64")))
                    .isEmpty();
        }

        @Test
        void propertyInMatchesAnyOfItsValues() {
            images.add(image(1).property("os_distro", "ubuntu").build());
            images.add(image(2).property("os_distro", "debian").build());
            images.add(image(3).property("os_distro", "fedora").build());
            images.add(image(4).property("distro", "ubuntu").build());

            assertThat(listIds(query().property("os_distro", Operator.IN, "ubuntu", "fedora", "arch")))
                    .containsExactly(id(1), id(3));
            assertThat(listIds(query().property("os_distro", Operator.IN, "ubuntu,fedora")))
                    .isEmpty();
        }

        @Test
        void propertyConditionsMatchLongValues() {
            String big = "v".repeat(65_535);
            images.add(image(1).property("blob", big).build());
            images.add(image(2).property("blob", big + "w").build());

            assertThat(listIds(query().property("blob", Operator.EQ, big))).containsExactly(id(1));
        }

        @Test
        void tagsMustAllBePresent() {
            images.add(image(1).tags(List.of("a", "b")).build());
            images.add(image(2).tags(List.of("a")).build());
            images.add(image(3).tags(List.of("b", "c")).build());
            images.add(image(4).build());

            assertThat(listIds(query().tags("a"))).containsExactly(id(1), id(2));
            assertThat(listIds(query().tags("a", "b"))).containsExactly(id(1));
            assertThat(listIds(query().tags("b", "a"))).containsExactly(id(1));
            assertThat(listIds(query().tags("c"))).containsExactly(id(3));
            assertThat(listIds(query().tags("a", "c"))).isEmpty();
            assertThat(listIds(query().tags("A"))).isEmpty();
            assertThat(listIds(query().tags())).containsExactly(id(1), id(2), id(3), id(4));
        }

        @Test
        void aKeyNamedTwiceMustSatisfyBothConditionsAndRepeatedValuesOrTagsCountOnce() {
            images.add(
                    image(1).property("os_distro", "ubuntu").tags(List.of("a")).build());
            images.add(image(2).property("os_distro", "debian")
                    .tags(List.of("a", "b"))
                    .build());

            assertThat(listIds(query().property("os_distro", Operator.IN, "ubuntu", "debian")
                            .property("os_distro", Operator.EQ, "debian")))
                    .containsExactly(id(2));
            assertThat(listIds(query().property("os_distro", Operator.EQ, "ubuntu")
                            .property("os_distro", Operator.EQ, "debian")))
                    .isEmpty();
            assertThat(listIds(query().property("os_distro", Operator.IN, "ubuntu", "ubuntu")))
                    .containsExactly(id(1));
            assertThat(listIds(query().tags("a", "a"))).containsExactly(id(1), id(2));
            assertThat(listIds(query().tags("b", "a", "b"))).containsExactly(id(2));
        }

        /** The same rules when more keys and tags are filtered than an adapter may match one by one. */
        @Test
        void aKeyNamedTwiceAndRepeatedTagsCountOnceAmongManyFilters() {
            Map<String, String> common = new java.util.LinkedHashMap<>();
            List<String> commonTags = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                common.put("k" + k, "v" + k);
                commonTags.add("c" + k);
            }
            List<String> tagsOf1 = new ArrayList<>(commonTags);
            tagsOf1.add("a");
            List<String> tagsOf2 = new ArrayList<>(tagsOf1);
            tagsOf2.add("b");
            images.add(image(1).properties(common)
                    .property("os_distro", "ubuntu")
                    .tags(tagsOf1)
                    .build());
            images.add(image(2).properties(common)
                    .property("os_distro", "debian")
                    .tags(tagsOf2)
                    .build());

            QueryBuilder twice = query().property("os_distro", Operator.IN, "ubuntu", "debian")
                    .property("os_distro", Operator.EQ, "debian");
            common.forEach((key, value) -> twice.property(key, Operator.EQ, value));
            assertThat(listIds(twice)).containsExactly(id(2));
            QueryBuilder never =
                    query().property("os_distro", Operator.EQ, "ubuntu").property("os_distro", Operator.EQ, "debian");
            common.forEach((key, value) -> never.property(key, Operator.EQ, value));
            assertThat(listIds(never)).isEmpty();
            List<String> repeated = new ArrayList<>(commonTags);
            repeated.addAll(List.of("b", "a", "b"));
            assertThat(listIds(query().tags(repeated.toArray(String[]::new)))).containsExactly(id(2));
            assertThat(listIds(query().tags(tagsOf1.toArray(String[]::new)))).containsExactly(id(1), id(2));
        }

        /** Not a speed assertion: the bound only ends a run whose plan explodes (minutes on PostgreSQL before). */
        @Test
        @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void hundredsOfPropertyConditionsAndTagsAnswerAsFewDo() {
            Map<String, String> wide = new java.util.LinkedHashMap<>();
            List<String> manyTags = new ArrayList<>();
            for (int k = 0; k < 900; k++) {
                wide.put("p" + k, "v");
            }
            for (int k = 0; k < 100; k++) {
                manyTags.add("t" + k);
            }
            images.add(image(1).properties(wide).tags(manyTags).build());
            Map<String, String> allButOne = new java.util.LinkedHashMap<>(wide);
            allButOne.put("p899", "w");
            images.add(image(2).properties(allButOne).tags(manyTags).build());
            images.add(image(3).properties(wide).tags(manyTags.subList(1, 100)).build());
            images.add(image(4).property("p0", "v").build());

            QueryBuilder all = query();
            wide.forEach((key, value) -> all.property(key, Operator.EQ, value));
            assertThat(listIds(all.tags(manyTags.toArray(String[]::new)))).containsExactly(id(1));
            QueryBuilder properties = query();
            wide.forEach((key, value) -> properties.property(key, Operator.IN, value, "x"));
            assertThat(listIds(properties)).containsExactly(id(1), id(3));
            assertThat(listIds(query().tags(manyTags.toArray(String[]::new)))).containsExactly(id(1), id(2));
        }

        @Test
        void osHiddenSelectsHiddenOrShownImagesWhenSet() {
            images.add(image(1).osHidden(true).build());
            images.add(image(2).osHidden(false).build());

            assertThat(listIds(query().osHidden(true))).containsExactly(id(1));
            assertThat(listIds(query().osHidden(false))).containsExactly(id(2));
            assertThat(listIds(query().osHidden(null))).containsExactly(id(1), id(2));
        }

        @Test
        void listedImagesCarryTheirTagsAndProperties() {
            Image full = add(fullImage(1));
            Image other =
                    add(image(2).tags(List.of("b", "a")).property("k", "v").build());
            Image bare = add(image(3).build());

            assertThat(images.list(query().build())).containsExactly(full, other, bare);
        }
    }

    // ------------------------------------------------------------------------------------------------- order

    @ParameterizedTest(name = "{0}")
    @MethodSource("ladders")
    void everyFieldSortsBothWaysWithNullSmallestAndIdBreakingTies(Ladder ladder) {
        Map<String, String> ids = addLadder(ladder);
        String b1 = ids.get("b1");
        String b2 = ids.get("b2");
        List<String> ascending = new ArrayList<>();
        if (ladder.nullable()) {
            ascending.add(ids.get("n"));
        }
        ascending.addAll(List.of(ids.get("a"), min(b1, b2), max(b1, b2), ids.get("c")));
        List<String> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);

        assertThat(listIds(query().sort(asc(ladder.field()), asc(ImageField.ID))))
                .containsExactlyElementsOf(ascending);
        assertThat(listIds(query().sort(desc(ladder.field()), desc(ImageField.ID))))
                .containsExactlyElementsOf(descending);

        List<String> ascendingIdDesc = new ArrayList<>(ascending);
        Collections.swap(ascendingIdDesc, ascending.indexOf(b1), ascending.indexOf(b2));
        assertThat(listIds(query().sort(asc(ladder.field()), desc(ImageField.ID))))
                .containsExactlyElementsOf(ascendingIdDesc);
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) <= 0 ? b : a;
    }

    @Test
    void booleansSortFalseFirst() {
        images.add(image(1).isProtected(true).osHidden(false).build());
        images.add(image(2).isProtected(false).osHidden(true).build());
        images.add(image(3).isProtected(true).osHidden(true).build());

        assertThat(listIds(query().sort(asc(ImageField.PROTECTED), asc(ImageField.ID))))
                .containsExactly(id(2), id(1), id(3));
        assertThat(listIds(query().sort(desc(ImageField.PROTECTED), asc(ImageField.ID))))
                .containsExactly(id(1), id(3), id(2));
        assertThat(listIds(query().sort(asc(ImageField.OS_HIDDEN), desc(ImageField.ID))))
                .containsExactly(id(1), id(3), id(2));
        assertThat(listIds(query().sort(desc(ImageField.OS_HIDDEN), desc(ImageField.PROTECTED), asc(ImageField.ID))))
                .containsExactly(id(3), id(2), id(1));
    }

    @Test
    void idAloneSortsBothWays() {
        for (int n : new int[] {3, 1, 2}) {
            images.add(image(n).build());
        }
        assertThat(listIds(query().sort(asc(ImageField.ID)))).containsExactly(id(1), id(2), id(3));
        assertThat(listIds(query().sort(desc(ImageField.ID)))).containsExactly(id(3), id(2), id(1));
    }

    @Test
    void severalKeysSortInTurn() {
        images.add(image(1).status(ImageStatus.QUEUED).size(null).name("b").build());
        images.add(image(2).status(ImageStatus.ACTIVE).size(5L).name("b").build());
        images.add(image(3).status(ImageStatus.ACTIVE).size(5L).name("a").build());
        images.add(image(4).status(ImageStatus.ACTIVE).size(7L).name(null).build());
        images.add(image(5).status(ImageStatus.ACTIVE).size(null).name("c").build());
        images.add(image(6).status(ImageStatus.QUEUED).size(1L).name("a").build());
        images.add(image(7).status(ImageStatus.ACTIVE).size(5L).name("a").build());

        assertThat(listIds(query().sort(
                                asc(ImageField.STATUS),
                                desc(ImageField.SIZE),
                                asc(ImageField.NAME),
                                desc(ImageField.ID))))
                .containsExactly(id(4), id(7), id(3), id(2), id(5), id(6), id(1));
        assertThat(listIds(query().sort(
                                desc(ImageField.STATUS),
                                asc(ImageField.SIZE),
                                desc(ImageField.NAME),
                                asc(ImageField.ID))))
                .containsExactly(id(1), id(6), id(5), id(2), id(3), id(7), id(4));
    }

    @Test
    void theDefaultOrderIsNewestFirstWithIdBreakingTies() {
        images.add(image(1).createdAt(T0).build());
        images.add(image(2).createdAt(T0.plusSeconds(5)).build());
        images.add(image(3).createdAt(T0).build());
        images.add(image(4).createdAt(T0.plusNanos(1)).build());

        assertThat(listIds(query().sort(desc(ImageField.CREATED_AT), desc(ImageField.ID))))
                .containsExactly(id(2), id(4), id(3), id(1));
    }

    // ------------------------------------------------------------------------------------------------ paging

    /** Sort orders the paging walk covers: the default, single keys both ways, nullable keys, mixed directions. */
    static Stream<Arguments> pagingOrders() {
        return Stream.of(
                Arguments.of(List.of(desc(ImageField.CREATED_AT), desc(ImageField.ID))),
                Arguments.of(List.of(asc(ImageField.CREATED_AT), asc(ImageField.ID))),
                Arguments.of(List.of(asc(ImageField.NAME), asc(ImageField.ID))),
                Arguments.of(List.of(desc(ImageField.NAME), desc(ImageField.ID))),
                Arguments.of(List.of(desc(ImageField.NAME), desc(ImageField.CREATED_AT), desc(ImageField.ID))),
                Arguments.of(List.of(asc(ImageField.SIZE), desc(ImageField.CREATED_AT), asc(ImageField.ID))),
                Arguments.of(List.of(desc(ImageField.SIZE), asc(ImageField.NAME), desc(ImageField.ID))),
                Arguments.of(List.of(
                        asc(ImageField.STATUS),
                        asc(ImageField.DISK_FORMAT),
                        desc(ImageField.UPDATED_AT),
                        asc(ImageField.ID))),
                Arguments.of(List.of(desc(ImageField.MIN_DISK), asc(ImageField.PROTECTED), desc(ImageField.ID))),
                Arguments.of(List.of(asc(ImageField.ID))));
    }

    /** A few hundred images with many ties and nulls in every sort key. */
    private List<Image> addPagingImages(int count) {
        Random random = new Random(20240301L);
        String[] names = {null, "alpha", "beta", "Gamma"};
        Long[] sizes = {null, 0L, 1L, 1_000_000_000_000L};
        String[] diskFormats = {null, "qcow2", "raw"};
        ImageStatus[] statuses = {ImageStatus.ACTIVE, ImageStatus.QUEUED, ImageStatus.KILLED};
        List<Integer> order = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            order.add(n);
        }
        Collections.shuffle(order, random);
        List<Image> added = new ArrayList<>();
        for (int n : order) {
            Image image = image(n).name(names[random.nextInt(names.length)])
                    .size(sizes[random.nextInt(sizes.length)])
                    .diskFormat(diskFormats[random.nextInt(diskFormats.length)])
                    .status(statuses[random.nextInt(statuses.length)])
                    .minDisk(random.nextInt(3))
                    .isProtected(random.nextBoolean())
                    .createdAt(T0.plusSeconds(random.nextInt(12)))
                    .updatedAt(T0.plusNanos(random.nextInt(5)))
                    .build();
            images.add(image);
            added.add(image);
        }
        return added;
    }

    @ParameterizedTest
    @MethodSource("pagingOrders")
    void keysetPagingWalksEveryImageExactlyOnceInOrder(List<SortOrder> sort) {
        List<Image> all = addPagingImages(300);
        List<String> expected = ids(all.stream().sorted(referenceOrder(sort)).toList());

        List<String> walked = new ArrayList<>();
        Image marker = null;
        int pages = 0;
        while (true) {
            List<Image> page =
                    images.list(query().sort(sort).marker(marker).limit(17).build());
            pages++;
            assertThat(page.size()).isLessThanOrEqualTo(17);
            walked.addAll(ids(page));
            if (page.size() < 17) {
                break;
            }
            marker = page.get(page.size() - 1);
            assertThat(pages).as("paging must end").isLessThan(40);
        }
        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(walked)).hasSize(300);
    }

    @Test
    void keysetPagingWorksWithFiltersAndAMarkerOutsideThem() {
        List<Image> all = addPagingImages(120);
        List<SortOrder> sort = List.of(asc(ImageField.NAME), desc(ImageField.SIZE), asc(ImageField.ID));
        List<Image> sorted = all.stream().sorted(referenceOrder(sort)).toList();
        Image marker = sorted.stream()
                .filter(i -> i.status() == ImageStatus.KILLED)
                .skip(10)
                .findFirst()
                .orElseThrow();
        List<String> expected = ids(sorted.subList(sorted.indexOf(marker) + 1, sorted.size()).stream()
                .filter(i -> i.status() == ImageStatus.ACTIVE)
                .toList());

        List<String> page = listIds(query().sort(sort).marker(marker).where(ImageField.STATUS, Operator.EQ, "active"));

        assertThat(page).isNotEmpty().containsExactlyElementsOf(expected);
    }

    @Test
    void aDeletedMarkerStillPositionsThePage() {
        images.add(image(1).build());
        Image doomed = add(image(2).build());
        images.add(image(3).build());
        Image deleted = images.update(
                doomed.toBuilder().status(ImageStatus.DELETED).deletedAt(T0).build());

        assertThat(listIds(query().sort(asc(ImageField.ID)).marker(deleted))).containsExactly(id(3));
        assertThat(listIds(query().sort(desc(ImageField.ID)).marker(deleted))).containsExactly(id(1));
    }

    @Test
    void limitCapsThePageAndZeroReturnsNothing() {
        for (int n = 1; n <= 5; n++) {
            images.add(image(n).build());
        }
        assertThat(images.list(query().limit(0).build())).isEmpty();
        assertThat(listIds(query().limit(1))).containsExactly(id(1));
        assertThat(listIds(query().limit(3))).containsExactly(id(1), id(2), id(3));
        assertThat(listIds(query().limit(5))).hasSize(5);
        assertThat(listIds(query().limit(50))).hasSize(5);
        assertThat(images.list(query().limit(0)
                        .marker(images.find(id(1)).orElseThrow())
                        .build()))
                .isEmpty();
    }

    /** The order the Javadoc defines, written independently of any repository: null smallest, then each key. */
    protected static Comparator<Image> referenceOrder(List<SortOrder> sort) {
        Comparator<Image> order = null;
        for (SortOrder key : sort) {
            Comparator<Image> one = Comparator.comparing(
                    image -> sortValue(key.field(), image), Comparator.nullsFirst(Comparator.naturalOrder()));
            if (!key.ascending()) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable sortValue(ImageField field, Image image) {
        return field.valueIn(image);
    }

    // ----------------------------------------------------------------------------------------------- members

    @Nested
    class Members {
        @BeforeEach
        void twoImages() {
            images.add(image(1).visibility(Visibility.SHARED).build());
            images.add(image(2).visibility(Visibility.SHARED).build());
        }

        @Test
        void anAddedMembershipIsFound() {
            ImageMember member = new ImageMember(id(1), "p-a", MemberStatus.PENDING, T0, T0.plusNanos(3));
            members.add(member);

            assertThat(members.find(id(1), "p-a")).contains(member);
            assertThat(members.find(id(1), "p-b")).isEmpty();
            assertThat(members.find(id(2), "p-a")).isEmpty();
            assertThat(members.find(id(9), "p-a")).isEmpty();
        }

        @Test
        void addingAMemberTwiceIsAConflictAndKeepsTheFirst() {
            ImageMember first = new ImageMember(id(1), "p-a", MemberStatus.PENDING, T0, T0);
            members.add(first);

            GlanceException failure = glanceFailure(() -> members.add(
                    new ImageMember(id(1), "p-a", MemberStatus.ACCEPTED, T0.plusSeconds(1), T0.plusSeconds(1))));

            assertThat(failure.category()).isEqualTo(ErrorCategory.CONFLICT);
            assertThat(members.find(id(1), "p-a")).contains(first);
        }

        @Test
        void theSameProjectMayBeAMemberOfSeveralImages() {
            members.add(new ImageMember(id(1), "p-a", MemberStatus.PENDING, T0, T0));
            members.add(new ImageMember(id(2), "p-a", MemberStatus.ACCEPTED, T0, T0));

            assertThat(members.find(id(1), "p-a").orElseThrow().status()).isEqualTo(MemberStatus.PENDING);
            assertThat(members.find(id(2), "p-a").orElseThrow().status()).isEqualTo(MemberStatus.ACCEPTED);
        }

        @Test
        void updateReplacesStatusAndUpdatedTimeOnly() {
            members.add(new ImageMember(id(1), "p-a", MemberStatus.PENDING, T0, T0));

            members.update(new ImageMember(
                    id(1),
                    "p-a",
                    MemberStatus.REJECTED,
                    T0.plusSeconds(99),
                    T0.plusSeconds(5).plusNanos(1)));

            assertThat(members.find(id(1), "p-a"))
                    .contains(new ImageMember(
                            id(1),
                            "p-a",
                            MemberStatus.REJECTED,
                            T0,
                            T0.plusSeconds(5).plusNanos(1)));
        }

        @Test
        void updatingAMissingMembershipIsNotFound() {
            members.add(new ImageMember(id(1), "p-a", MemberStatus.PENDING, T0, T0));

            GlanceException failure =
                    glanceFailure(() -> members.update(new ImageMember(id(1), "p-b", MemberStatus.ACCEPTED, T0, T0)));

            assertThat(failure.category()).isEqualTo(ErrorCategory.NOT_FOUND);
            assertThat(members.find(id(1), "p-b")).isEmpty();
        }

        @Test
        void removeTellsWhetherSomethingWasRemoved() {
            members.add(new ImageMember(id(1), "p-a", MemberStatus.ACCEPTED, T0, T0));
            members.add(new ImageMember(id(2), "p-a", MemberStatus.ACCEPTED, T0, T0));

            assertThat(members.remove(id(1), "p-a")).isTrue();
            assertThat(members.find(id(1), "p-a")).isEmpty();
            assertThat(members.remove(id(1), "p-a")).isFalse();
            assertThat(members.remove(id(9), "p-a")).isFalse();
            assertThat(members.find(id(2), "p-a")).isPresent();
        }

        @Test
        void listingGivesTheMembersOfOneImageOldestFirst() {
            ImageMember third = new ImageMember(id(1), "p-a", MemberStatus.PENDING, T0.plusSeconds(3), T0);
            ImageMember first = new ImageMember(id(1), "p-c", MemberStatus.ACCEPTED, T0.plusSeconds(1), T0);
            ImageMember second = new ImageMember(id(1), "p-b", MemberStatus.REJECTED, T0.plusSeconds(2), T0);
            members.add(third);
            members.add(first);
            members.add(second);
            members.add(new ImageMember(id(2), "p-z", MemberStatus.ACCEPTED, T0, T0));

            assertThat(members.listForImage(id(1))).containsExactly(first, second, third);
            assertThat(members.listForImage(id(2))).hasSize(1);
            assertThat(members.listForImage(id(9))).isEmpty();
        }

        @Test
        void aRemovedMemberCanBeAddedAgain() {
            members.add(new ImageMember(id(1), "p-a", MemberStatus.REJECTED, T0, T0));
            members.remove(id(1), "p-a");
            ImageMember again =
                    new ImageMember(id(1), "p-a", MemberStatus.PENDING, T0.plusSeconds(1), T0.plusSeconds(1));

            members.add(again);

            assertThat(members.find(id(1), "p-a")).contains(again);
        }
    }
}
