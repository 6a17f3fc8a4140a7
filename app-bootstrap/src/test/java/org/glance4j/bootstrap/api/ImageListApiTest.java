package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /v2/images}: paging, sorting and every filter. The fixture is a handful of images of project A
 * (and a few of B); since other classes create public images, most assertions scope with {@code owner}.
 */
class ImageListApiTest extends ApiTestSupport {
    private String alpha;
    private String bravo;
    private String charlie;
    private String delta;
    private String hidden;
    private String publicOfA;
    private String privateOfB;
    private String communityOfB;
    private String tag;

    @BeforeAll
    void createFixture() {
        tag = unique("list");
        alpha = create(
                        people.memberA,
                        body(
                                "name",
                                "alpha",
                                "visibility",
                                "private",
                                "flavor",
                                "vanilla",
                                "disk_format",
                                "raw",
                                "container_format",
                                "bare",
                                "tags",
                                List.of(tag, "red", "round")))
                .get("id")
                .asText();
        bravo = create(
                        people.memberA,
                        body(
                                "name",
                                "bravo",
                                "visibility",
                                "shared",
                                "flavor",
                                "mint",
                                "disk_format",
                                "qcow2",
                                "container_format",
                                "bare",
                                "tags",
                                List.of(tag, "red")))
                .get("id")
                .asText();
        charlie = create(
                        people.memberA,
                        body(
                                "name",
                                "charlie",
                                "visibility",
                                "community",
                                "disk_format",
                                "iso",
                                "protected",
                                true,
                                "tags",
                                List.of(tag)))
                .get("id")
                .asText();
        delta = create(
                        people.memberA,
                        body(
                                "name",
                                "delta",
                                "visibility",
                                "private",
                                "flavor",
                                "lemon",
                                "tags",
                                List.of(tag, "round")))
                .get("id")
                .asText();
        hidden = create(
                        people.memberA,
                        body("name", "hidden", "visibility", "private", "os_hidden", true, "tags", List.of(tag)))
                .get("id")
                .asText();
        publicOfA = create(people.adminA, body("name", "echo", "visibility", "public", "tags", List.of(tag)))
                .get("id")
                .asText();
        privateOfB = create(people.memberB, body("name", "alpha", "visibility", "private", "tags", List.of(tag)))
                .get("id")
                .asText();
        communityOfB = create(people.memberB, body("name", "foxtrot", "visibility", "community", "tags", List.of(tag)))
                .get("id")
                .asText();
        Api.as(people.memberA).patch("/v2/images/" + charlie, List.of(op("replace", "/protected", false)));
    }

    private ApiResponse list(Persona who, String query) {
        return Api.as(who).get("/v2/images?" + query);
    }

    private List<String> idsOf(String query) {
        return ids(list(people.memberA, query));
    }

    private List<String> ownedByA(String query) {
        return idsOf("owner=" + people.projectA + (query.isEmpty() ? "" : "&" + query));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theDefaultListHasImagesAFirstLinkAndTheSchema() {
        ApiResponse response = Api.as(people.memberA).get("/v2/images");

        assertThat(response.status()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.get("images").isArray()).isTrue();
        assertThat(page.get("first").asText()).isEqualTo("/v2/images");
        assertThat(page.get("schema").asText()).isEqualTo("/v2/schemas/images");
    }

    @Test
    void theDefaultListShowsOwnImagesAndPublicOnesButNotHiddenOrOtherProjectsPrivateOrCommunity() {
        List<String> ids = idsOf("tag=" + tag + "&limit=1000");

        assertThat(ids).containsExactlyInAnyOrder(alpha, bravo, charlie, delta, publicOfA);
    }

    @Test
    void listedImagesCarryEveryField() {
        JsonNode image =
                list(people.memberA, "id=" + alpha).json().get("images").get(0);

        assertThat(image).isEqualTo(show(people.memberA, alpha));
    }

    @Test
    void aReaderListsTooButATokenWithoutReaderCannot() {
        assertThat(ids(list(people.readerA, "tag=" + tag))).contains(alpha, bravo);
        assertThat(list(people.memberOnlyA, "tag=" + tag).status()).isEqualTo(403);
        assertThat(list(people.anonymous, "tag=" + tag).status()).isEqualTo(401);
    }

    @Test
    void anotherProjectSeesOnlyPublicAndItsOwn() {
        assertThat(ids(list(people.readerB, "tag=" + tag)))
                .containsExactlyInAnyOrder(publicOfA, privateOfB, communityOfB);
    }

    @Test
    void anAdminSeesEveryProjectsImagesButNotOthersCommunityByDefault() {
        assertThat(ids(list(people.adminA, "tag=" + tag)))
                .containsExactlyInAnyOrder(alpha, bravo, charlie, delta, publicOfA, privateOfB);
        assertThat(ids(list(people.adminA, "tag=" + tag + "&visibility=community")))
                .containsExactlyInAnyOrder(charlie, communityOfB);
    }

    @Test
    void limitCutsThePageAndNextWalksToTheEndReturningEachImageOnce() {
        List<String> seen = new ArrayList<>();
        String path = "/v2/images?owner=" + people.projectA + "&limit=2";
        int pages = 0;
        while (path != null) {
            ApiResponse response = Api.as(people.memberA).get(path);
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            JsonNode page = response.json();
            assertThat(page.get("images").size()).isLessThanOrEqualTo(2);
            page.get("images").forEach(image -> seen.add(image.get("id").asText()));
            path = page.has("next") ? page.get("next").asText() : null;
            pages++;
            assertThat(pages).isLessThan(10);
        }

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrder(alpha, bravo, charlie, delta, publicOfA);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theNextLinkKeepsTheQueryAndAddsTheMarker() {
        JsonNode page = list(people.memberA, "owner=" + people.projectA + "&limit=1&sort=name:asc")
                .json();

        assertThat(page.get("next").asText())
                .startsWith("/v2/images?")
                .contains("limit=1")
                .contains("marker=" + alpha);
    }

    @Test
    void aMarkerReturnsOnlyTheImagesAfterIt() {
        List<String> page = ownedByA("sort=name:asc&marker=" + bravo);

        assertThat(page).containsExactly(charlie, delta, publicOfA);
    }

    @Test
    void anUnknownMarkerIsBadRequest() {
        assertThat(list(people.memberA, "marker=" + unknownId()).status()).isEqualTo(400);
        assertThat(list(people.memberA, "marker=bogus").status()).isEqualTo(400);
    }

    @Test
    void aMarkerTheCallerCannotSeeIsRefused() {
        ApiResponse response = list(people.memberA, "marker=" + privateOfB);

        assertThat(response.status()).as("%s", response).isEqualTo(403);
    }

    @Test
    void aDeletedMarkerIsBadRequest() {
        String gone = createWithVisibility(people.memberA, "private");
        Api.as(people.memberA).delete("/v2/images/" + gone);

        assertThat(list(people.memberA, "marker=" + gone).status()).isEqualTo(400);
    }

    @Test
    void limitZeroGivesAnEmptyPage() {
        ApiResponse response = list(people.memberA, "owner=" + people.projectA + "&limit=0");

        assertThat(ids(response)).isEmpty();
        assertThat(response.json().has("next")).isFalse();
    }

    @Test
    void aLimitAboveTheMaximumIsCappedNotRefused() {
        assertThat(ownedByA("limit=100000")).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=-1", "limit=abc", "limit=1.5"})
    void aBadLimitIsBadRequest(String query) {
        assertThat(list(people.memberA, query).status()).isEqualTo(400);
    }

    @Test
    void sortKeyAndDirectionOrderTheList() {
        assertThat(ownedByA("sort_key=name&sort_dir=asc")).containsExactly(alpha, bravo, charlie, delta, publicOfA);
        assertThat(ownedByA("sort_key=name&sort_dir=desc")).containsExactly(publicOfA, delta, charlie, bravo, alpha);
    }

    @Test
    void aSortKeyWithoutDirectionSortsDescending() {
        assertThat(ownedByA("sort_key=name")).containsExactly(publicOfA, delta, charlie, bravo, alpha);
        assertThat(ownedByA("sort=name")).containsExactly(publicOfA, delta, charlie, bravo, alpha);
    }

    @Test
    void theSortSyntaxTakesSeveralKeysWithDirections() {
        List<String> ids = ownedByA("sort=" + encode("disk_format:asc,name:desc"));

        // disk_format null sorts first, then iso < qcow2 < raw
        assertThat(ids).containsExactly(publicOfA, delta, charlie, bravo, alpha);
    }

    @Test
    void severalSortKeysShareOneDirection() {
        assertThat(ownedByA("sort_key=container_format&sort_key=name&sort_dir=asc"))
                .containsExactly(charlie, delta, publicOfA, alpha, bravo);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sort=name&sort_key=name",
                "sort=name:asc&sort_dir=asc",
                "sort_key=bogus",
                "sort=bogus:asc",
                "sort_dir=up",
                "sort=name:up",
                "sort_key=name&sort_key=id&sort_dir=asc&sort_dir=desc&sort_dir=asc",
                "sort_key=owner",
                "sort_key=protected"
            })
    void badSortingIsBadRequest(String query) {
        ApiResponse response = list(people.memberA, query);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at"})
    void everyDocumentedSortKeyIsAccepted(String key) {
        assertThat(ownedByA("sort_key=" + key + "&sort_dir=asc")).hasSize(5);
    }

    @Test
    void filterByName() {
        assertThat(ownedByA("name=alpha")).containsExactly(alpha);
        assertThat(idsOf("tag=" + tag + "&name=alpha")).containsExactly(alpha);
    }

    @Test
    void filterByNameOrIdWithIn() {
        assertThat(ownedByA("name=" + encode("in:alpha,delta"))).containsExactlyInAnyOrder(alpha, delta);
        assertThat(idsOf("id=" + encode("in:" + bravo + "," + charlie))).containsExactlyInAnyOrder(bravo, charlie);
    }

    @Test
    void filterByFormatsWithIn() {
        assertThat(ownedByA("disk_format=" + encode("in:raw,qcow2"))).containsExactlyInAnyOrder(alpha, bravo);
        assertThat(ownedByA("container_format=bare")).containsExactlyInAnyOrder(alpha, bravo);
    }

    @Test
    void filterByStatus() {
        assertThat(ownedByA("status=queued")).hasSize(5);
        assertThat(ownedByA("status=active")).isEmpty();
    }

    @Test
    void anUnknownStatusIsNotValidatedAndMatchesNothing() {
        ApiResponse response = list(people.memberA, "status=bogus");

        assertThat(ids(response)).isEmpty();
    }

    @Test
    void filterByVisibility() {
        assertThat(ids(list(people.memberA, "tag=" + tag + "&visibility=private")))
                .containsExactlyInAnyOrder(alpha, delta);
        assertThat(ids(list(people.memberA, "tag=" + tag + "&visibility=shared")))
                .containsExactly(bravo);
        assertThat(ids(list(people.memberA, "tag=" + tag + "&visibility=public")))
                .containsExactly(publicOfA);
        assertThat(ids(list(people.memberA, "tag=" + tag + "&visibility=community")))
                .containsExactlyInAnyOrder(charlie, communityOfB);
        assertThat(ids(list(people.memberA, "tag=" + tag + "&visibility=all")))
                .containsExactlyInAnyOrder(alpha, bravo, charlie, delta, publicOfA, communityOfB);
    }

    @Test
    void anUnknownVisibilityIsBadRequest() {
        assertThat(list(people.memberA, "visibility=everyone").status()).isEqualTo(400);
    }

    @Test
    void filterByOwner() {
        assertThat(idsOf("tag=" + tag + "&owner=" + people.projectB)).isEmpty();
        assertThat(idsOf("tag=" + tag + "&owner=" + people.projectB + "&visibility=community"))
                .containsExactly(communityOfB);
        assertThat(ids(list(people.adminA, "tag=" + tag + "&owner=" + people.projectB)))
                .containsExactly(privateOfB);
    }

    @Test
    void filterByOneOrSeveralTags() {
        assertThat(ownedByA("tag=red")).containsExactlyInAnyOrder(alpha, bravo);
        assertThat(ownedByA("tag=red&tag=round")).containsExactly(alpha);
        assertThat(ownedByA("tag=nothing-has-this")).isEmpty();
    }

    @Test
    void filterByMemberStatus() {
        assertThat(ownedByA("member_status=all")).hasSize(5);
        assertThat(list(people.memberA, "member_status=bogus").status()).isEqualTo(400);
    }

    @Test
    void sizeFiltersSkipImagesWithoutData() {
        assertThat(ownedByA("size_min=0")).isEmpty();
        assertThat(ownedByA("size_max=1000000")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"size_min=abc", "size_max=abc", "size_min=1.5"})
    void aBadSizeIsBadRequest(String query) {
        assertThat(list(people.memberA, query).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"created_at", "updated_at"})
    void timeFiltersTakeEveryOperator(String field) {
        String past = "2000-01-01T00:00:00Z";
        String future = "2999-01-01T00:00:00Z";
        String exact = show(people.memberA, alpha).get(field).asText();

        assertThat(ownedByA(field + "=" + encode("gt:" + past))).hasSize(5);
        assertThat(ownedByA(field + "=" + encode("gte:" + past))).hasSize(5);
        assertThat(ownedByA(field + "=" + encode("lt:" + past))).isEmpty();
        assertThat(ownedByA(field + "=" + encode("lte:" + future))).hasSize(5);
        assertThat(ownedByA(field + "=" + encode("neq:" + past))).hasSize(5);
        assertThat(ownedByA(field + "=" + encode("eq:" + past))).isEmpty();
        // Glance keeps sub-second precision but shows whole seconds, so only these hold on every server:
        assertThat(ownedByA(field + "=" + encode("gte:" + exact))).contains(alpha);
        assertThat(ownedByA(field + "=" + encode("lt:" + exact))).doesNotContain(alpha);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "created_at=bogus",
                "created_at=gt:bogus",
                "updated_at=lt:yesterday",
                "created_at=foo:2020-01-01T00:00:00Z",
                "updated_at=in:2020-01-01T00:00:00Z"
            })
    void aBadTimeFilterIsBadRequest(String query) {
        ApiResponse response = list(people.memberA, query.replace(":", "%3A"));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    @Test
    void filterByCustomProperty() {
        assertThat(ownedByA("flavor=mint")).containsExactly(bravo);
        assertThat(ownedByA("flavor=none-such")).isEmpty();
    }

    /**
     * Glance compares {@code in:} on a custom property as the literal text "in:vanilla,mint"
     * (glance/db/sqlalchemy/api.py:582-586, _make_image_property_condition, compares the value as given;
     * 'in:' is parsed for base columns only).
     */
    @Test
    @Tag(GLANCE_BUG)
    void filterByCustomPropertyWithIn() {
        assertThat(ownedByA("flavor=" + encode("in:vanilla,mint"))).containsExactlyInAnyOrder(alpha, bravo);
    }

    /**
     * Glance has no bound on the number of filters (each became a join that PostgreSQL planned for minutes);
     * glance4j refuses more than {@code max_list_filters} (256 by default), tags and properties together.
     */
    @Test
    @Tag(ImageDataExtrasApiTest.GLANCE4J_EXTRA)
    void moreFiltersThanMaxListFiltersAreBadRequestAndTheLimitItselfIsServed() {
        StringBuilder atLimit = new StringBuilder("flavor=mint");
        for (int i = 1; i < 256; i++) {
            atLimit.append("&p").append(i).append("=v");
        }
        assertThat(list(people.memberA, atLimit.toString()).status()).isEqualTo(200);
        ApiResponse tooMany = list(people.memberA, atLimit + "&tag=" + tag);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("Too many filters: the request has 257 filters and tags, at most 256");
    }

    @Test
    void hiddenImagesAreExcludedByDefaultAndListedOnRequest() {
        assertThat(ownedByA("")).doesNotContain(hidden);
        assertThat(ownedByA("os_hidden=false")).doesNotContain(hidden);
        assertThat(ownedByA("os_hidden=true")).containsExactly(hidden);
    }

    @Test
    void aHiddenImageIsStillShownById() {
        assertThat(show(people.memberA, hidden).get("os_hidden").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"os_hidden=maybe", "os_hidden=1", "protected=maybe"})
    void aBadBooleanFilterIsBadRequest(String query) {
        assertThat(list(people.memberA, query).status()).isEqualTo(400);
    }

    @Test
    void filterByProtected() {
        String kept = create(people.memberA, body("protected", true, "tags", List.of(tag)))
                .get("id")
                .asText();
        try {
            assertThat(ownedByA("protected=true")).containsExactly(kept);
            assertThat(ownedByA("protected=false")).doesNotContain(kept).contains(alpha);
        } finally {
            Api.as(people.memberA).patch("/v2/images/" + kept, List.of(op("replace", "/protected", false)));
            Api.as(people.memberA).delete("/v2/images/" + kept);
        }
    }

    @Test
    void severalFiltersMustAllHold() {
        assertThat(ownedByA("tag=red&visibility=private&flavor=vanilla")).containsExactly(alpha);
        assertThat(ownedByA("tag=red&visibility=shared&flavor=vanilla")).isEmpty();
        assertThat(ownedByA("tag=round&flavor=lemon")).containsExactly(delta);
    }
}
