package org.glance4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.junit.jupiter.api.Test;

/** The fakes the core tests run on evaluate {@link ImageQuery} as its Javadoc says. */
class InMemoryFakesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    private final InMemoryImageRepository repo = new InMemoryImageRepository(members);

    private Image add(String id, String name, Long size, Visibility visibility, String owner) {
        Image image = Image.builder(id, T)
                .name(name)
                .size(size)
                .visibility(visibility)
                .owner(owner)
                .property("os", name)
                .build();
        repo.add(image);
        return image;
    }

    private List<String> ids(ImageQuery q) {
        return repo.list(q).stream().map(Image::id).toList();
    }

    private static ImageQuery query(
            Viewer viewer,
            VisibilityFilter vis,
            MemberStatus ms,
            List<Condition> conds,
            List<PropertyCondition> props,
            List<SortOrder> sort,
            Image marker,
            int limit) {
        return new ImageQuery(viewer, vis, ms, conds, props, List.of(), null, sort, marker, limit);
    }

    @Test
    void nullsSortBelowEveryValueAndPagingIsStrictlyAfterTheMarker() {
        Image a = add("a", "x", 5L, Visibility.PRIVATE, "p");
        Image b = add("b", "y", null, Visibility.PRIVATE, "p");
        add("c", "z", 7L, Visibility.PRIVATE, "p");
        Viewer admin = new Viewer("p", true);
        List<SortOrder> asc = List.of(new SortOrder(ImageField.SIZE, true), new SortOrder(ImageField.ID, true));
        assertThat(ids(query(admin, VisibilityFilter.ALL, null, null, null, asc, null, 10)))
                .containsExactly("b", "a", "c");
        assertThat(ids(query(admin, VisibilityFilter.ALL, null, null, null, asc, b, 10)))
                .containsExactly("a", "c");
        assertThat(ids(query(admin, VisibilityFilter.ALL, null, null, null, asc, a, 1)))
                .containsExactly("c");
        assertThat(ids(query(admin, VisibilityFilter.ALL, null, null, null, asc, null, 0)))
                .isEmpty();
        List<Condition> sizeGt = List.of(Condition.of(ImageField.SIZE, Operator.GT, 5L));
        assertThat(ids(query(admin, VisibilityFilter.ALL, null, sizeGt, null, asc, null, 10)))
                .containsExactly("c");
        List<PropertyCondition> os = List.of(new PropertyCondition("os", Operator.IN, List.of("x", "z")));
        assertThat(ids(query(admin, VisibilityFilter.ALL, null, null, os, asc, null, 10)))
                .containsExactly("a", "c");
    }

    @Test
    void membershipsCountOnlyForSharedImagesAndByStatus() {
        add("s", "s", null, Visibility.SHARED, "owner");
        add("p", "p", null, Visibility.PRIVATE, "owner");
        add("c", "c", null, Visibility.COMMUNITY, "owner");
        members.add(new ImageMember("s", "me", MemberStatus.PENDING, T, T));
        members.add(new ImageMember("p", "me", MemberStatus.ACCEPTED, T, T));
        Viewer me = new Viewer("me", false);
        List<SortOrder> byId = List.of(new SortOrder(ImageField.ID, true));
        assertThat(ids(query(me, VisibilityFilter.DEFAULT, MemberStatus.ACCEPTED, null, null, byId, null, 10)))
                .isEmpty();
        assertThat(ids(query(me, VisibilityFilter.DEFAULT, null, null, null, byId, null, 10)))
                .containsExactly("s");
        assertThat(ids(query(me, VisibilityFilter.ALL, null, null, null, byId, null, 10)))
                .containsExactly("c", "s");
        assertThat(ids(query(new Viewer(null, false), VisibilityFilter.DEFAULT, null, null, null, byId, null, 10)))
                .isEmpty();
        assertThat(ids(query(new Viewer("owner", false), VisibilityFilter.DEFAULT, null, null, null, byId, null, 10)))
                .containsExactly("c", "p", "s");
    }
}
