package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Version discovery, version negotiation in the path, request ids and the HEAD method. */
class VersionsApiTest extends ApiTestSupport {

    @Test
    void rootAnswersMultipleChoicesWithTheVersionList() {
        ApiResponse response = Api.as(people.anonymous).get("/");

        assertThat(response.status()).isEqualTo(300);
        assertVersionDocument(response.json());
    }

    @Test
    void versionsAnswersOkWithTheSameList() {
        ApiResponse response = Api.as(people.anonymous).get("/versions");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.mediaType()).isEqualTo("application/json");
        assertVersionDocument(response.json());
    }

    @Test
    void versionLinksPointAtV2() {
        JsonNode versions = Api.as(people.anonymous).get("/versions").json().get("versions");

        versions.forEach(version -> {
            assertThat(version.get("links").get(0).get("rel").asText()).isEqualTo("self");
            assertThat(version.get("links").get(0).get("href").asText()).endsWith("/v2/");
        });
    }

    /**
     * Master's CURRENT version is v2.17, or v2.18 when an image cache directory is configured
     * (glance/api/versions.py:85 and :110, Controller.index: build_version_object('2.18', 'v2', 'CURRENT') under
     * CONF.image_cache_dir, else build_version_object('2.17', 'v2', 'CURRENT')); 25.1.0 answers v2.16.
     */
    @Test
    @Tag(MASTER_DIFFERS)
    void currentVersionIsMastersCurrent() {
        JsonNode versions = Api.as(people.anonymous).get("/versions").json().get("versions");

        List<String> current = new ArrayList<>();
        versions.forEach(v -> {
            if (v.get("status").asText().equals("CURRENT")) {
                current.add(v.get("id").asText());
            }
        });
        assertThat(current).hasSize(1);
        assertThat(current.get(0)).isIn("v2.17", "v2.18");
        assertThat(ids(versions)).contains("v2.17");
    }

    /**
     * Newest first, CURRENT at the top: what 25.1.0 answers (glance/api/versions.py, Controller.index) and master
     * with an image cache; master without one puts v2.15 and v2.9 before v2.17 (docs/differences-from-glance.md).
     */
    @Test
    void versionsAreListedNewestFirst() {
        JsonNode versions = Api.as(people.anonymous).get("/versions").json().get("versions");

        List<Integer> minors = ids(versions).stream()
                .map(id -> Integer.parseInt(id.substring("v2.".length())))
                .toList();
        assertThat(minors)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder())
                .doesNotHaveDuplicates();
        assertThat(versions.get(0).get("status").asText()).isEqualTo("CURRENT");
    }

    @Test
    void v2WithoutSlashRedirectsToV2Slash() {
        ApiResponse response = Api.as(people.readerA).get("/v2");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/v2/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v2.0", "v2.1", "v2.5", "v2.9", "v2.15"})
    void imagesAnswerUnderEveryKnownMinorVersion(String version) {
        ApiResponse response = Api.as(people.readerA).get("/" + version + "/images");

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json().has("images")).isTrue();
    }

    /**
     * A client walking the published versions finds every one of them served: each {@code id} of the version
     * document works in the path and in the {@code Accept} media type (glance/api/middleware/version_negotiation.py,
     * _get_allowed_versions, accepts exactly what glance/api/versions.py lists for the same configuration).
     */
    @Test
    void everyPublishedVersionIsServedInThePathAndInTheMediaType() {
        List<String> published =
                ids(Api.as(people.anonymous).get("/versions").json().get("versions"));
        assertThat(published).isNotEmpty();

        for (String id : published) {
            ApiResponse inPath = Api.as(people.readerA).get("/" + id + "/images?limit=1");
            ApiResponse inAccept = Api.as(people.readerA)
                    .get("/images?limit=1", java.util.Map.of("Accept", "application/vnd.openstack.images-" + id));
            ApiResponse schema = Api.as(people.readerA).get("/" + id + "/schemas/image");

            assertThat(inPath.status()).as("%s in the path: %s", id, inPath).isEqualTo(200);
            assertThat(inAccept.status()).as("%s in Accept: %s", id, inAccept).isEqualTo(200);
            assertThat(schema.status()).as("%s schema: %s", id, schema).isEqualTo(200);
        }
    }

    /**
     * A minor version the document does not list is not served: negotiation answers the version document (300), so
     * no client can use a version it was not told about.
     */
    @Test
    void noUnlistedMinorVersionIsServed() {
        List<String> published =
                ids(Api.as(people.anonymous).get("/versions").json().get("versions"));
        for (int minor = 0; minor <= 30; minor++) {
            String id = "v2." + minor;
            if (!published.contains(id)) {
                ApiResponse response = Api.as(people.readerA).get("/" + id + "/images");
                assertThat(response.status()).as("%s: %s", id, response).isEqualTo(300);
            }
        }
    }

    /**
     * Master always accepts v2.17 (glance/api/middleware/version_negotiation.py:96, _get_allowed_versions:
     * {@code allowed_versions['v2.17'] = 2}); 25.1.0 answers the 300 version document.
     */
    @Test
    @Tag(MASTER_DIFFERS)
    void imagesAnswerUnderV217() {
        ApiResponse response = Api.as(people.readerA).get("/v2.17/images");

        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/images", "/v3/images", "/images", "/v2.99/images", "/v1", "/v3/"})
    void unknownVersionsAnswerTheVersionDocument(String path) {
        ApiResponse response = Api.as(people.readerA).get(path);

        assertThat(response.status()).as("%s", response).isEqualTo(300);
        assertVersionDocument(response.json());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v2/images",
                "/v2/images/not-an-image",
                "/v2/schemas/image",
                "/v2/nothing-here",
                "/v2/images?limit=bogus"
            })
    void everyV2AnswerCarriesARequestId(String path) {
        assertRequestId(Api.as(people.readerA).get(path));
    }

    @Test
    void validationAndPolicyErrorsCarryARequestId() {
        ApiResponse invalid = Api.as(people.memberA).post("/v2/images", "not json");
        ApiResponse forbidden = Api.as(people.readerA).post("/v2/images", body("name", "x"));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(forbidden.status()).isEqualTo(403);
        assertRequestId(invalid);
        assertRequestId(forbidden);
    }

    /**
     * Glance master and 25.1.0 set the header in glance/api/middleware/context.py:84
     * (BaseContextMiddleware.process_response) only after a context exists: the version documents, answered
     * earlier by the versionnegotiation filter (version_negotiation.py:49 and :65), and the 401 raised by ContextMiddleware.process_request (context.py:112) carry
     * none. glance4j puts a request id on every answer.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/", "/versions", "/v1/images", "/images"})
    @Tag(GLANCE_BUG)
    void versionDocumentsCarryARequestId(String path) {
        assertRequestId(Api.as(people.readerA).get(path));
    }

    /** See {@link #versionDocumentsCarryARequestId}: Glance's 401 has no request id. */
    @Test
    @Tag(GLANCE_BUG)
    void unauthenticatedAnswersCarryARequestId() {
        ApiResponse anonymous = Api.as(people.anonymous).get("/v2/images");

        assertThat(anonymous.status()).isEqualTo(401);
        assertRequestId(anonymous);
    }

    /** glance/api/middleware/context.py ContextMiddleware._get_authenticated_context takes the caller's id. */
    @Test
    void aRequestIdSentByTheCallerIsEchoed() {
        String mine = "req-" + java.util.UUID.randomUUID();

        ApiResponse response =
                Api.as(people.readerA).get("/v2/images?limit=0", java.util.Map.of("X-Openstack-Request-Id", mine));

        assertThat(response.header("x-openstack-request-id")).hasValue(mine);
    }

    @Test
    void requestIdsDifferBetweenRequests() {
        String first = Api.as(people.readerA)
                .get("/v2/images")
                .header("x-openstack-request-id")
                .orElseThrow();
        String second = Api.as(people.readerA)
                .get("/v2/images")
                .header("x-openstack-request-id")
                .orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void headOnImagesIsMethodNotAllowed() {
        String id = createWithVisibility(people.memberA, "private");

        assertThat(Api.as(people.memberA).head("/v2/images").status()).isEqualTo(405);
        assertThat(Api.as(people.memberA).head("/v2/images/" + id).status()).isEqualTo(405);
    }

    private static void assertRequestId(ApiResponse response) {
        assertThat(response.header("x-openstack-request-id"))
                .as("%s", response)
                .hasValueSatisfying(id ->
                        assertThat(id).matches("req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    private static void assertVersionDocument(JsonNode document) {
        JsonNode versions = document.get("versions");
        assertThat(versions.isArray()).isTrue();
        assertThat(ids(versions))
                .contains("v2.0", "v2.1", "v2.2", "v2.3", "v2.4", "v2.5", "v2.6", "v2.7", "v2.9", "v2.15");
        versions.forEach(v -> assertThat(v.get("status").asText()).isIn("CURRENT", "SUPPORTED"));
    }

    private static List<String> ids(JsonNode versions) {
        List<String> ids = new ArrayList<>();
        versions.forEach(v -> ids.add(v.get("id").asText()));
        return ids;
    }
}
