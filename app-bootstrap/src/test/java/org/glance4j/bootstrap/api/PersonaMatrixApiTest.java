package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what: every image call, as every persona, on private, shared, public and community images of
 * project A (created by A's admin, shared with project C while shared, then given their visibility). "create" creates an image of that visibility in the persona's own project.
 * "list" says whether {@code GET /v2/images?id=...} lists the image (or the status when listing is refused).
 * Every cell was checked against real Glance (secure RBAC defaults).
 */
class PersonaMatrixApiTest extends ApiTestSupport {

    private static final List<String> VISIBILITIES = List.of("private", "shared", "public", "community");
    private static final List<String> OPERATIONS =
            List.of("show", "list", "update", "delete", "add-tag", "delete-tag", "create");

    /** Persona, then one row per visibility: the expected answer of each operation, in OPERATIONS order. */
    private static final Map<String, Map<String, String>> EXPECTED = new LinkedHashMap<>();

    static {
        expect(
                "admin of A",
                "private:   200 listed   200 204 204 204 201",
                "shared:    200 listed   200 204 204 204 201",
                "public:    200 listed   200 204 204 204 201",
                "community: 200 listed   200 204 204 204 201");
        expect(
                "member of A",
                "private:   200 listed   200 204 204 204 201",
                "shared:    200 listed   200 204 204 204 201",
                "public:    200 listed   200 204 204 204 403",
                "community: 200 listed   200 204 204 204 201");
        expect(
                "reader of A",
                "private:   200 listed   403 403 403 403 403",
                "shared:    200 listed   403 403 403 403 403",
                "public:    200 listed   403 403 403 403 403",
                "community: 200 listed   403 403 403 403 403");
        expect(
                "member of B",
                "private:   404 unlisted 404 404 404 404 201",
                "shared:    404 unlisted 404 404 404 404 201",
                "public:    200 listed   403 403 403 403 403",
                "community: 200 unlisted 403 403 403 403 201");
        expect(
                "reader of B",
                "private:   404 unlisted 404 404 404 404 403",
                "shared:    404 unlisted 404 404 404 404 403",
                "public:    200 listed   403 403 403 403 403",
                "community: 200 unlisted 403 403 403 403 403");
        // get_image and get_images need "reader" (Keystone sends implied roles; Glance does not imply them), but
        // modify_image, delete_image and add_image need only "member" of the owning project: such a token may
        // change what it cannot see (glance/policies/base.py ADMIN_OR_PROJECT_MEMBER, PROJECT_READER_OR_...).
        expect(
                "member-only token of A",
                "private:   404 403      200 204 204 204 201",
                "shared:    404 403      200 204 204 204 201",
                "public:    404 403      200 204 204 204 403",
                "community: 404 403      200 204 204 204 201");
        // Project C was an accepted member while each image was shared; membership counts only on shared images.
        expect(
                "member of the image",
                "private:   404 unlisted 404 404 404 404 201",
                "shared:    200 listed   403 403 403 403 201",
                "public:    200 listed   403 403 403 403 403",
                "community: 200 unlisted 403 403 403 403 201");
        expect(
                "anonymous",
                "private:   401 401      401 401 401 401 401",
                "shared:    401 401      401 401 401 401 401",
                "public:    401 401      401 401 401 401 401",
                "community: 401 401      401 401 401 401 401");
    }

    private static void expect(String persona, String... rows) {
        Map<String, String> byVisibility = new LinkedHashMap<>();
        for (String row : rows) {
            String[] parts = row.split(":", 2);
            byVisibility.put(parts[0].strip(), parts[1].strip());
        }
        EXPECTED.put(persona, byVisibility);
    }

    /** One image of A per visibility, shared by the read-only cells. */
    private final Map<String, String> readOnlyImages = new LinkedHashMap<>();

    @BeforeAll
    void createImagesOfA() {
        for (String visibility : VISIBILITIES) {
            readOnlyImages.put(visibility, freshImageOfA(visibility));
        }
    }

    private String freshImageOfA(String visibility) {
        String id = create(people.adminA, body("name", unique("matrix"), "visibility", "shared", "tags", List.of("t0")))
                .get("id")
                .asText();
        shareAccepted(people.adminA, id, people.imageMember, visibility);
        return id;
    }

    Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Persona persona : people.all()) {
            Map<String, String> rows = EXPECTED.get(persona.label());
            for (String visibility : VISIBILITIES) {
                String[] expected = rows.get(visibility).split("\\s+");
                for (int i = 0; i < OPERATIONS.size(); i++) {
                    cells.add(Arguments.of(persona, visibility, OPERATIONS.get(i), expected[i]));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} / {1} image / {2} -> {3}")
    @MethodSource("cells")
    void personaGetsGlancesAnswer(Persona persona, String visibility, String operation, String expected) {
        String actual = perform(persona, visibility, operation);

        assertThat(actual)
                .as("%s %s on a %s image of A", persona, operation, visibility)
                .isEqualTo(expected);
    }

    private String perform(Persona persona, String visibility, String operation) {
        Api api = Api.as(persona);
        Map<String, BiFunction<Api, String, String>> calls = Map.of(
                "show", (client, v) -> status(client.get("/v2/images/" + readOnlyImages.get(v))),
                "list", (client, v) -> listed(client, readOnlyImages.get(v)),
                "update",
                        (client, v) -> status(client.patch(
                                "/v2/images/" + freshImageOfA(v), List.of(op("replace", "/name", "renamed")))),
                "delete", (client, v) -> status(client.delete("/v2/images/" + freshImageOfA(v))),
                "add-tag", (client, v) -> status(client.put("/v2/images/" + freshImageOfA(v) + "/tags/t1")),
                "delete-tag", (client, v) -> status(client.delete("/v2/images/" + freshImageOfA(v) + "/tags/t0")),
                "create",
                        (client, v) ->
                                status(client.post("/v2/images", body("name", unique("mine"), "visibility", v))));
        return calls.get(operation).apply(api, visibility);
    }

    private static String status(ApiResponse response) {
        return Integer.toString(response.status());
    }

    private static String listed(Api client, String id) {
        ApiResponse response = client.get("/v2/images?id=" + id);
        if (response.status() != 200) {
            return status(response);
        }
        return ids(response).contains(id) ? "listed" : "unlisted";
    }
}
