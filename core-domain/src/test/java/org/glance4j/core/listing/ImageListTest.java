package org.glance4j.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.in.ImageList;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.RequestContext;
import org.junit.jupiter.api.Test;

class ImageListTest {

    private final CoreFixture f = new CoreFixture(CoreSettings.defaults().withLimits(3, 5));

    private ImageList list(RequestContext who, String... keyValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.computeIfAbsent(keyValues[i], k -> new java.util.ArrayList<>())
                    .add(keyValues[i + 1]);
        }
        return f.core.images().list(who, new ListParameters(params));
    }

    private static List<String> names(ImageList list) {
        return list.images().stream().map(Image::name).toList();
    }

    @Test
    void defaultOrderIsNewestFirstWithPaging() {
        for (int i = 1; i <= 4; i++) {
            f.create(OWNER_MEMBER, "name", "i" + i);
        }
        ImageList first = list(OWNER_READER);
        assertThat(names(first)).containsExactly("i4", "i3", "i2");
        assertThat(first.nextMarker()).isEqualTo(first.images().get(2).id());
        ImageList second = list(OWNER_READER, "marker", first.nextMarker());
        assertThat(names(second)).containsExactly("i1");
        assertThat(second.nextMarker()).isNull();
        assertThat(list(OWNER_READER, "limit", "0").images()).isEmpty();
        assertThat(list(OWNER_READER, "limit", "100").images()).hasSize(4);
    }

    @Test
    void limitIsCappedAndValidated() {
        for (int i = 0; i < 7; i++) {
            f.create(OWNER_MEMBER, "name", "n" + i);
        }
        assertThat(list(OWNER_READER, "limit", "99999999999999").images()).hasSize(5);
        assertFails(ErrorCategory.INVALID, "integer", () -> list(OWNER_READER, "limit", "ten"));
        assertFails(ErrorCategory.INVALID, "positive", () -> list(OWNER_READER, "limit", "-1"));
    }

    @Test
    void filtersAndTagsAreBoundedByMaxListFilters() {
        CoreFixture bounded = new CoreFixture(CoreSettings.defaults().withMaxListFilters(3));
        Image image = bounded.create(OWNER_MEMBER, "name", "n", "p0", "v", "p1", "v");
        Map<String, List<String>> atLimit = new LinkedHashMap<>();
        atLimit.put("p0", List.of("v"));
        atLimit.put("p1", List.of("v"));
        atLimit.put("tag", List.of());
        atLimit.put("name", List.of("n"));
        assertThat(bounded.core
                        .images()
                        .list(OWNER_READER, new ListParameters(atLimit))
                        .images())
                .extracting(Image::id)
                .containsExactly(image.id());
        Map<String, List<String>> overByTag = new LinkedHashMap<>(atLimit);
        overByTag.put("tag", List.of("t"));
        assertFails(
                ErrorCategory.INVALID,
                "Too many filters: the request has 4 filters and tags, at most 3",
                () -> bounded.core.images().list(OWNER_READER, new ListParameters(overByTag)));
        Map<String, List<String>> overByProperty = new LinkedHashMap<>(atLimit);
        overByProperty.put("p2", List.of("v"));
        assertFails(
                ErrorCategory.INVALID,
                "at most 3 are allowed",
                () -> bounded.core.images().list(OWNER_READER, new ListParameters(overByProperty)));
    }

    @Test
    void sortSyntaxes() {
        f.create(OWNER_MEMBER, "name", "b", "disk_format", "raw");
        f.create(OWNER_MEMBER, "name", "a", "disk_format", "qcow2");
        f.create(OWNER_MEMBER, "name", "c", "disk_format", "raw");
        assertThat(names(list(OWNER_READER, "sort", "name:asc"))).containsExactly("a", "b", "c");
        assertThat(names(list(OWNER_READER, "sort", "name"))).containsExactly("c", "b", "a");
        assertThat(names(list(OWNER_READER, "sort_key", "name", "sort_dir", "asc")))
                .containsExactly("a", "b", "c");
        assertThat(names(list(OWNER_READER, "sort", "disk_format:asc,name:desc")))
                .containsExactly("a", "c", "b");
        assertThat(names(list(
                        OWNER_READER,
                        "sort_key",
                        "disk_format",
                        "sort_key",
                        "name",
                        "sort_dir",
                        "desc",
                        "sort_dir",
                        "asc")))
                .containsExactly("b", "c", "a");
        assertFails(
                ErrorCategory.INVALID,
                "cannot be combined",
                () -> list(OWNER_READER, "sort", "name", "sort_key", "size"));
        assertFails(ErrorCategory.INVALID, "Invalid sort key", () -> list(OWNER_READER, "sort", "owner:asc"));
        assertFails(ErrorCategory.INVALID, "Invalid sort direction", () -> list(OWNER_READER, "sort", "name:up"));
        assertFails(ErrorCategory.INVALID, "Invalid sort key", () -> list(OWNER_READER, "sort_key", "bogus"));
        assertFails(
                ErrorCategory.INVALID,
                "Number of sort dirs",
                () -> list(
                        OWNER_READER,
                        "sort_key",
                        "name",
                        "sort_dir",
                        "asc",
                        "sort_dir",
                        "desc",
                        "sort_key",
                        "size",
                        "sort_key",
                        "id"));
    }

    @Test
    void pagingFollowsTheSortOrderStrictlyAfterTheMarker() {
        for (String n : List.of("a", "b", "c", "d", "e")) {
            f.create(OWNER_MEMBER, "name", n);
        }
        ImageList page = list(OWNER_READER, "sort", "name:asc", "limit", "2");
        assertThat(names(page)).containsExactly("a", "b");
        page = list(OWNER_READER, "sort", "name:asc", "limit", "2", "marker", page.nextMarker());
        assertThat(names(page)).containsExactly("c", "d");
        page = list(OWNER_READER, "sort", "name:asc", "limit", "2", "marker", page.nextMarker());
        assertThat(names(page)).containsExactly("e");
        assertThat(page.nextMarker()).isNull();
    }

    @Test
    void markers() {
        Image hidden = f.create(OTHER_MEMBER, "visibility", "private");
        assertFails(ErrorCategory.INVALID, () -> list(OWNER_READER, "marker", "no-such-image"));
        assertFails(ErrorCategory.FORBIDDEN, () -> list(OWNER_READER, "marker", hidden.id()));
    }

    @Test
    void whoSeesWhat() {
        Image own = f.create(OWNER_MEMBER, "name", "own");
        Image pub = f.create(ADMIN, "name", "pub", "visibility", "public", "owner", OTHER_PROJECT);
        Image community = f.create(OTHER_MEMBER, "name", "community", "visibility", "community");
        Image accepted = f.create(OTHER_MEMBER, "name", "accepted");
        Image pending = f.create(OTHER_MEMBER, "name", "pending");
        Image foreign = f.create(OTHER_MEMBER, "name", "foreign", "visibility", "private");
        f.share(accepted, OWNER_PROJECT, MemberStatus.ACCEPTED);
        f.share(pending, OWNER_PROJECT, MemberStatus.PENDING);

        assertThat(names(list(OWNER_READER, "limit", "5"))).containsExactlyInAnyOrder("own", "pub", "accepted");
        assertThat(names(list(OWNER_READER, "visibility", "shared", "limit", "5")))
                .containsExactlyInAnyOrder("own", "accepted");
        assertThat(names(list(OWNER_READER, "visibility", "shared", "member_status", "pending")))
                .containsExactlyInAnyOrder("own", "pending");
        assertThat(names(list(OWNER_READER, "visibility", "shared", "member_status", "all", "limit", "5")))
                .containsExactlyInAnyOrder("own", "accepted", "pending");
        assertThat(names(list(OWNER_READER, "visibility", "community"))).containsExactly("community");
        assertThat(names(list(OWNER_READER, "visibility", "all", "limit", "5")))
                .containsExactlyInAnyOrder("own", "pub", "community", "accepted");
        assertThat(names(list(ADMIN, "visibility", "all", "limit", "5", "sort", "name:asc")))
                .containsExactly("accepted", "community", "foreign", "own", "pending");
        assertThat(names(list(OTHER_READER, "visibility", "private"))).containsExactly("foreign");
        assertThat(own.id()).isNotNull();
        assertThat(pub.id()).isNotNull();
        assertThat(foreign.id()).isNotNull();
        assertThat(community.id()).isNotNull();
    }

    @Test
    void listingNeedsReader() {
        assertFails(ErrorCategory.FORBIDDEN, "get_images", () -> list(OWNER_MEMBER_WITHOUT_READER));
        // validation that Glance does before the policy comes first ...
        assertFails(ErrorCategory.INVALID, () -> list(OWNER_MEMBER_WITHOUT_READER, "limit", "x"));
        // ... filters evaluated by its database layer come after it
        assertFails(ErrorCategory.FORBIDDEN, () -> list(OWNER_MEMBER_WITHOUT_READER, "size_min", "x"));
    }

    @Test
    void parameterValidation() {
        assertFails(ErrorCategory.INVALID, "Invalid visibility", () -> list(OWNER_READER, "visibility", "x"));
        assertFails(ErrorCategory.INVALID, "Invalid status", () -> list(OWNER_READER, "member_status", "x"));
        assertFails(ErrorCategory.INVALID, "os_hidden", () -> list(OWNER_READER, "os_hidden", "maybe"));
        assertFails(ErrorCategory.INVALID, "protected", () -> list(OWNER_READER, "protected", "True"));
        assertFails(ErrorCategory.INVALID, "non-numeric", () -> list(OWNER_READER, "size_min", "big"));
        assertFails(ErrorCategory.INVALID, "ISO 8601", () -> list(OWNER_READER, "created_at", "gt:yesterday"));
        assertFails(
                ErrorCategory.INVALID,
                "unknown operator",
                () -> list(OWNER_READER, "created_at", "in:2026-01-01T00:00:00Z"));
        assertFails(ErrorCategory.INVALID, "unknown operator 'gt'", () -> list(OWNER_READER, "name", "gt:a"));
        assertFails(ErrorCategory.INVALID, "changes-since", () -> list(OWNER_READER, "changes-since", "x"));
        assertFails(ErrorCategory.INVALID, "quote", () -> list(OWNER_READER, "name", "in:\"a,b"));
        assertFails(ErrorCategory.INVALID, "integer", () -> list(OWNER_READER, "min_ram", "lots"));
        assertThat(list(OWNER_READER, "status", "bogus").images()).isEmpty();
    }

    @Test
    void filters() {
        Image a = f.create(
                OWNER_MEMBER,
                "name",
                "a",
                "disk_format",
                "raw",
                "os_distro",
                "ubuntu",
                "tags",
                List.of("x", "y"),
                "protected",
                true,
                "min_ram",
                512);
        f.clock.tick();
        f.create(OWNER_MEMBER, "name", "b,c", "disk_format", "qcow2", "os_distro", "debian", "tags", List.of("x"));
        f.create(OWNER_MEMBER, "name", "d", "os_hidden", true, "os_distro", "fedora");
        assertThat(names(list(OWNER_READER, "name", "a"))).containsExactly("a");
        assertThat(names(list(OWNER_READER, "name", "in:a,\"b,c\"", "sort", "name:asc")))
                .containsExactly("a", "b,c");
        assertThat(names(list(OWNER_READER, "disk_format", "in:raw,qcow2", "sort", "name:asc")))
                .containsExactly("a", "b,c");
        assertThat(names(list(OWNER_READER, "id", a.id()))).containsExactly("a");
        assertThat(names(list(OWNER_READER, "os_distro", "debian"))).containsExactly("b,c");
        assertThat(names(list(OWNER_READER, "os_distro", "in:ubuntu,debian", "sort", "name:asc")))
                .containsExactly("a", "b,c");
        assertThat(names(list(OWNER_READER, "tag", "x", "tag", "y"))).containsExactly("a");
        assertThat(names(list(OWNER_READER, "tag", "x", "sort", "name:asc"))).containsExactly("a", "b,c");
        assertThat(names(list(OWNER_READER, "os_hidden", "true"))).containsExactly("d");
        assertThat(names(list(OWNER_READER, "os_hidden", "TRUE"))).containsExactly("d");
        assertThat(names(list(OWNER_READER, "protected", "true"))).containsExactly("a");
        assertThat(names(list(OWNER_READER, "min_ram", "512"))).containsExactly("a");
        assertThat(names(list(OWNER_READER, "status", "queued", "sort", "name:asc")))
                .containsExactly("a", "b,c");
        assertThat(names(list(OWNER_READER, "owner", OWNER_PROJECT, "sort", "name:asc")))
                .containsExactly("a", "b,c");
        String created = a.createdAt().toString();
        assertThat(names(list(OWNER_READER, "created_at", "gt:" + created, "sort", "name:asc")))
                .containsExactly("b,c");
        assertThat(names(list(OWNER_READER, "created_at", "lte:" + created))).containsExactly("a");
        assertThat(names(list(OWNER_READER, "created_at", created))).containsExactly("a");
        assertThat(names(list(OWNER_READER, "created_at", "neq:" + created))).containsExactly("b,c");
    }

    @Test
    void sizeRanges() {
        Image small = f.create(OWNER_MEMBER, "name", "small");
        Image large = f.create(OWNER_MEMBER, "name", "large");
        f.images.update(
                f.images.find(small.id()).orElseThrow().toBuilder().size(10L).build());
        f.images.update(
                f.images.find(large.id()).orElseThrow().toBuilder().size(1000L).build());
        f.create(OWNER_MEMBER, "name", "empty");
        assertThat(names(list(OWNER_READER, "size_min", "10", "size_max", "999")))
                .containsExactly("small");
        assertThat(names(list(OWNER_READER, "size_min", "11"))).containsExactly("large");
        assertThat(names(list(OWNER_READER, "size", "1000"))).containsExactly("large");
    }

    @Test
    void killedImagesAreNeverListed() {
        Image image = f.create(OWNER_MEMBER, "name", "k");
        f.images.update(f.images.find(image.id()).orElseThrow().toBuilder()
                .status(org.glance4j.ports.model.ImageStatus.KILLED)
                .build());
        assertThat(list(OWNER_READER).images()).isEmpty();
    }
}
