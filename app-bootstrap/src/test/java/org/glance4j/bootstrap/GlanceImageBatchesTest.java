package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.BulkAddResult;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.ImageWithMembers;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.junit.jupiter.api.Test;

/** The write side of {@code db import-glance}: batches, what is counted, and images the database refuses. */
class GlanceImageBatchesTest {
    private static final Instant T0 = Instant.parse("2024-01-02T03:04:05Z");

    private final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    private final InMemoryImageRepository images = new InMemoryImageRepository(members);
    private final GlanceImportCommand.Summary summary = new GlanceImportCommand.Summary();
    /** The images a batch handed back as already stored, with the member ids it had just added to them. */
    private final Map<String, Set<String>> handedBack = new LinkedHashMap<>();

    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    private static ImageWithMembers entry(int n) {
        Image image = Image.builder(id(n), T0)
                .status(ImageStatus.ACTIVE)
                .visibility(Visibility.SHARED)
                .owner("p-owner")
                .property("k", "v" + n)
                .tags(List.of("a", "b"))
                .build();
        return new ImageWithMembers(
                image,
                n % 2 == 0 ? List.of(new ImageMember(id(n), "p-friend", MemberStatus.ACCEPTED, T0, T0)) : List.of());
    }

    private void importAll(ImageRepository target, int count, int batchSize) {
        try (GlanceImageBatches batches = new GlanceImageBatches(
                target,
                summary,
                batchSize,
                (entry, membersJustAdded) -> handedBack.put(entry.image().id(), membersJustAdded))) {
            for (int n = 1; n <= count; n++) {
                batches.add(entry(n));
            }
            batches.finish();
        }
    }

    @Test
    void everyImageOfEveryBatchIsStoredAndCountedTheLastPartialBatchToo() {
        importAll(images, 10, 3);

        for (int n = 1; n <= 10; n++) {
            assertThat(images.find(id(n))).contains(entry(n).image());
        }
        assertThat(members.listForImage(id(4))).containsExactlyElementsOf(entry(4).members());
        assertThat(summary.imagesCopied).isEqualTo(10);
        assertThat(handedBack).isEmpty();
        assertThat(summary.properties).isEqualTo(10);
        assertThat(summary.tags).isEqualTo(20);
        assertThat(summary.members).isEqualTo(5);
        assertThat(summary.imagesFailed).isZero();
    }

    @Test
    void imagesAlreadyThereAreHandedBackWithTheMembershipsJustAddedAndTheRestOfTheirBatchIsCopied() {
        images.add(entry(2).image());
        images.add(entry(5).image());

        importAll(images, 7, 4);

        assertThat(summary.imagesCopied).isEqualTo(5);
        assertThat(handedBack).containsOnlyKeys(id(2), id(5));
        assertThat(handedBack.get(id(2))).containsExactly("p-friend");
        assertThat(handedBack.get(id(5))).isEmpty();
        assertThat(summary.members)
                .as("image 2 was there without its membership")
                .isEqualTo(3);
        assertThat(members.find(id(2), "p-friend")).isPresent();
        assertThat(images.list(allImages())).hasSize(7);
    }

    @Test
    void anImageTheDatabaseRefusesIsReportedByIdAndTheOthersOfItsBatchAreCopied() {
        ImageRepository refusingImage3 = new RefusingRepository(images, id(3));

        importAll(refusingImage3, 6, 6);

        assertThat(summary.imagesFailed).isEqualTo(1);
        assertThat(summary.problems).containsOnlyKeys(id(3));
        assertThat(summary.problems.get(id(3)).get(0))
                .startsWith("not copied: ")
                .contains("cannot store");
        assertThat(summary.imagesCopied).isEqualTo(5);
        assertThat(images.find(id(3))).isEmpty();
        assertThat(images.list(allImages())).hasSize(5);
    }

    @Test
    void aDryRunCountsEverythingAsCopiedAndWritesNothing() {
        importAll(null, 5, 2);

        assertThat(summary.imagesCopied).isEqualTo(5);
        assertThat(summary.members).isEqualTo(2);
        assertThat(images.list(allImages())).isEmpty();
    }

    private static ImageQuery allImages() {
        return new ImageQuery(
                new ImageQuery.Viewer("p-admin", true),
                ImageQuery.VisibilityFilter.ALL,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(new ImageQuery.SortOrder(org.glance4j.ports.model.ImageField.ID, true)),
                null,
                1000);
    }

    /** A repository that refuses, like a database refusing a value, every batch holding one image. */
    private static final class RefusingRepository implements ImageRepository {
        private final ImageRepository delegate;
        private final String refusedId;

        RefusingRepository(ImageRepository delegate, String refusedId) {
            this.delegate = delegate;
            this.refusedId = refusedId;
        }

        @Override
        public BulkAddResult addAllAbsent(List<ImageWithMembers> batch) {
            if (batch.stream().anyMatch(e -> e.image().id().equals(refusedId))) {
                throw GlanceException.invalid("the database cannot store a value of image " + refusedId);
            }
            return delegate.addAllAbsent(new ArrayList<>(batch));
        }

        @Override
        public void add(Image image) {
            delegate.add(image);
        }

        @Override
        public Optional<Image> find(String id) {
            return delegate.find(id);
        }

        @Override
        public Image update(Image image) {
            return delegate.update(image);
        }

        @Override
        public List<Image> list(ImageQuery query) {
            return delegate.list(query);
        }
    }
}
