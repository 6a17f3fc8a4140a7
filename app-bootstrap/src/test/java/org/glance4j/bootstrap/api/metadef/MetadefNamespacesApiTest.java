package org.glance4j.bootstrap.api.metadef;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.ApiResponse;
import org.junit.jupiter.api.Test;

/** {@code /v2/metadefs/namespaces}: create, show, list, update, delete, and the errors of each. */
class MetadefNamespacesApiTest extends MetadefApiSupport {

    @Test
    void createAnswers201WithLocationAndTheNamespace() {
        String name = uniqueName("create");
        ApiResponse created = Api.as(people.adminA).post(NAMESPACES, body("namespace", name, "description", "d"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith(ns(name)));
        JsonNode json = created.json();
        assertThat(json.get("namespace").asText()).isEqualTo(name);
        assertThat(json.get("visibility").asText()).isEqualTo("private");
        assertThat(json.get("protected").asBoolean()).isFalse();
        assertThat(json.get("owner").asText()).isEqualTo(people.projectA);
        assertThat(json.get("self").asText()).isEqualTo(ns(name));
        assertThat(json.get("schema").asText()).isEqualTo("/v2/schemas/metadefs/namespace");
        assertThat(json.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        ApiResponse again = Api.as(people.adminA).post(NAMESPACES, body("namespace", name));
        assertThat(again.status()).as("%s", again).isEqualTo(409);
    }

    @Test
    void showCarriesTheContentAndPrefixesForAResourceType() {
        String name = createFull("public");
        JsonNode shown = Api.as(people.readerB).get(ns(name)).json();
        assertThat(shown.get("properties").has("p")).isTrue();
        assertThat(shown.get("objects").get(0).get("name").asText()).isEqualTo("o");
        assertThat(shown.get("tags").get(0).get("name").asText()).isEqualTo("t");
        assertThat(shown.get("resource_type_associations").get(0).get("prefix").asText())
                .isEqualTo("x_");

        JsonNode prefixed = Api.as(people.readerB)
                .get(ns(name) + "?resource_type=OS::Glance::Image")
                .json();
        assertThat(prefixed.get("properties").has("x_p")).isTrue();
        assertThat(prefixed.get("objects").get(0).get("properties").has("x_q")).isTrue();
    }

    @Test
    void showListsTheTagsNewestFirstAsTheTagListDoes() {
        String name = uniqueName("tag-order");
        assertThat(Api.as(people.adminA)
                        .post(
                                NAMESPACES,
                                body("namespace", name, "tags", List.of(body("name", "first"), body("name", "second"))))
                        .status())
                .isEqualTo(201);
        assertThat(Api.as(people.adminA)
                        .send("POST", ns(name) + "/tags/third", null, null, Map.of())
                        .status())
                .isEqualTo(201);
        assertThat(post(
                                people.adminA,
                                ns(name) + "/tags",
                                body("tags", List.of(body("name", "fourth"))),
                                Map.of("X-Openstack-Append", "True"))
                        .status())
                .isEqualTo(201);

        List<String> listed = Api.as(people.readerA)
                .get(ns(name) + "/tags")
                .json()
                .get("tags")
                .findValuesAsText("name");
        assertThat(listed).containsExactly("fourth", "third", "second", "first");
        assertThat(Api.as(people.readerA).get(ns(name)).json().get("tags").findValuesAsText("name"))
                .as("Glance shows a namespace's tags as its tag list gives them")
                .isEqualTo(listed);
    }

    @Test
    void badBodiesAre400AndReadOnlyAttributes403() {
        assertThat(Api.as(people.adminA)
                        .post(NAMESPACES, body("display_name", "no name"))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.adminA)
                        .post(NAMESPACES, body("namespace", "x".repeat(81)))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.adminA)
                        .post(NAMESPACES, body("namespace", uniqueName("v"), "visibility", "shared"))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.adminA)
                        .post(NAMESPACES, body("namespace", uniqueName("x"), "bogus", 1))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.adminA)
                        .post(
                                NAMESPACES,
                                body("namespace", uniqueName("x"), "properties", body("p", body("type", "string"))))
                        .status())
                .as("a property without title")
                .isEqualTo(400);
        assertThat(Api.as(people.adminA).post(NAMESPACES, "{not json").status()).isEqualTo(400);
        assertThat(Api.as(people.adminA)
                        .post(NAMESPACES, body("namespace", uniqueName("x"), "created_at", "2020-01-01T00:00:00Z"))
                        .status())
                .isEqualTo(403);
        assertThat(Api.as(people.memberA)
                        .post(NAMESPACES, body("display_name", "invalid and unauthorized"))
                        .status())
                .as("validation comes before policy")
                .isEqualTo(400);
    }

    @Test
    void contentThatRepeatsANameIsAConflictAndLeavesNothing() {
        String name = uniqueName("dup");
        ApiResponse response = Api.as(people.adminA)
                .post(NAMESPACES, body("namespace", name, "objects", List.of(body("name", "o"), body("name", "o"))));
        assertThat(response.status()).as("%s", response).isEqualTo(409);
        assertThat(Api.as(people.adminA).get(ns(name)).status()).isEqualTo(404);
    }

    @Test
    void listPagesWithNextLinksAndFilters() {
        String prefix = uniqueName("page");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = prefix + "-" + i;
            names.add(name);
            assertThat(Api.as(people.adminA)
                            .post(
                                    NAMESPACES,
                                    body("namespace", name, "owner", people.projectB, "visibility", "private"))
                            .status())
                    .isEqualTo(201);
        }
        Api.as(people.adminA).post(ns(names.get(1)) + "/resource_types", body("name", "OS::Glance4j::Test"));

        ApiResponse first = Api.as(people.readerB)
                .get(NAMESPACES + "?limit=2&sort_key=created_at&sort_dir=asc" + "&visibility=private");
        assertThat(first.status()).isEqualTo(200);
        JsonNode page = first.json();
        assertThat(page.get("first").asText())
                .startsWith(NAMESPACES + "?")
                .contains("limit=2")
                .doesNotContain("marker");
        assertThat(page.get("schema").asText()).isEqualTo("/v2/schemas/metadefs/namespaces");
        List<String> seen = new ArrayList<>(page.get("namespaces").findValuesAsText("namespace"));
        String next = page.get("next").asText();
        assertThat(next).contains("marker=");
        JsonNode second = Api.as(people.readerB).get(next).json();
        seen.addAll(second.get("namespaces").findValuesAsText("namespace"));
        assertThat(seen).containsExactlyElementsOf(names);

        JsonNode byType = Api.as(people.readerB)
                .get(NAMESPACES + "?resource_types=OS::Glance4j::Test")
                .json();
        assertThat(byType.get("namespaces").findValuesAsText("namespace"))
                .contains(names.get(1))
                .doesNotContain(names.get(0), names.get(2));
        assertThat(Api.as(people.readerA).get(NAMESPACES + "?limit=1000").body())
                .doesNotContain(names.get(0));

        assertThat(Api.as(people.readerB)
                        .get(NAMESPACES + "?marker=" + uniqueName("gone"))
                        .status())
                .isEqualTo(404);
        assertThat(Api.as(people.readerB).get(NAMESPACES + "?sort_dir=up").status())
                .isEqualTo(400);
        assertThat(Api.as(people.readerB).get(NAMESPACES + "?limit=-1").status())
                .isEqualTo(400);
        assertThat(Api.as(people.readerB).get(NAMESPACES + "?visibility=shared").status())
                .isEqualTo(400);
    }

    @Test
    void updateReplacesTheAttributesAndMayRename() {
        String name = createFull("public");
        String renamed = uniqueName("renamed");
        ApiResponse updated =
                put(people.adminA, ns(name), body("namespace", renamed, "description", "new", "visibility", "public"));
        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        assertThat(updated.json().get("description").asText()).isEqualTo("new");
        assertThat(updated.json().get("owner").asText())
                .as("a missing owner becomes the caller's project")
                .isEqualTo(people.projectA);
        assertThat(Api.as(people.adminA).get(ns(name)).status()).isEqualTo(404);
        assertThat(Api.as(people.adminA).get(ns(renamed) + "/objects/o").status())
                .isEqualTo(200);

        String other = createFull("public");
        assertThat(put(people.adminA, ns(other), body("namespace", renamed)).status())
                .isEqualTo(409);
        assertThat(put(people.adminA, ns(uniqueName("missing")), body("namespace", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(Api.as(people.adminA)
                        .send("PUT", ns(other), "application/json", null, Map.of())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aProtectedNamespaceAndItsContentCannotBeDeleted() {
        String name = uniqueName("protected");
        assertThat(Api.as(people.adminA)
                        .post(
                                NAMESPACES,
                                body(
                                        "namespace",
                                        name,
                                        "protected",
                                        true,
                                        "objects",
                                        List.of(body("name", "o")),
                                        "tags",
                                        List.of(body("name", "t"))))
                        .status())
                .isEqualTo(201);
        assertThat(Api.as(people.adminA).delete(ns(name)).status()).isEqualTo(403);
        assertThat(Api.as(people.adminA).delete(ns(name) + "/objects").status()).isEqualTo(403);
        assertThat(Api.as(people.adminA).delete(ns(name) + "/tags").status()).isEqualTo(403);
        assertThat(Api.as(people.adminA).delete(ns(name) + "/objects/o").status())
                .isEqualTo(403);

        assertThat(put(people.adminA, ns(name), body("namespace", name, "protected", false))
                        .status())
                .isEqualTo(200);
        assertThat(Api.as(people.adminA).delete(ns(name) + "/objects").status()).isEqualTo(204);
        assertThat(Api.as(people.adminA).get(ns(name) + "/objects").json().get("objects"))
                .isEmpty();
        assertThat(Api.as(people.adminA).get(ns(name) + "/tags").json().get("tags"))
                .hasSize(1);
        assertThat(Api.as(people.adminA).delete(ns(name)).status()).isEqualTo(204);
        assertThat(Api.as(people.adminA).get(ns(name)).status()).isEqualTo(404);
        assertThat(Api.as(people.adminA).delete(ns(name)).status()).isEqualTo(404);
    }

    @Test
    void unsupportedMethodsAre405() {
        String name = createFull("private");
        assertThat(Api.as(people.adminA)
                        .send("PATCH", NAMESPACES, "application/json", "{}", Map.of())
                        .status())
                .isEqualTo(405);
        assertThat(Api.as(people.adminA).post(ns(name), body("namespace", name)).status())
                .isEqualTo(405);
        assertThat(Api.as(people.adminA)
                        .post("/v2/metadefs/resource_types", body("name", "x"))
                        .status())
                .isEqualTo(405);
        assertThat(Api.as(people.adminA).get("/v2/metadefs/bogus").status()).isEqualTo(404);
    }

    @Test
    void theMethodsOfEachPathOfANamespaceAndOfTheResourceTypesAreNamedInAllow() {
        String name = createFull("private");
        Map<String, String> allowed = Map.of(
                ns(name),
                "GET, PUT, DELETE",
                ns(name) + "/objects",
                "GET, POST, DELETE",
                ns(name) + "/objects/o",
                "GET, PUT, DELETE",
                ns(name) + "/properties",
                "GET, POST, DELETE",
                ns(name) + "/properties/p",
                "GET, PUT, DELETE",
                ns(name) + "/tags",
                "GET, POST, DELETE",
                ns(name) + "/tags/t",
                "GET, POST, PUT, DELETE",
                "/v2/metadefs/resource_types",
                "GET",
                ns(name) + "/resource_types",
                "GET, POST",
                ns(name) + "/resource_types/OS::Glance::Image",
                "DELETE");
        allowed.forEach((path, methods) -> {
            ApiResponse refused = Api.as(people.adminA).send("PATCH", path, "application/json", "{}", Map.of());
            assertThat(refused.status()).as(path).isEqualTo(405);
            assertThat(refused.header("Allow")).as(path).hasValue(methods);
        });
    }
}
