package org.glance4j.bootstrap.api.metadef;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.ApiResponse;
import org.junit.jupiter.api.Test;

/** Objects, properties, tags and resource type associations of a namespace, and the resource type list. */
class MetadefContentApiTest extends MetadefApiSupport {

    @Test
    void objectsAreCreatedShownReplacedWholeAndDeleted() {
        String name = createFull("private");
        String objects = ns(name) + "/objects";
        ApiResponse created = Api.as(people.adminA)
                .post(
                        objects,
                        body(
                                "name",
                                "cpu",
                                "description",
                                "d",
                                "required",
                                List.of("cores"),
                                "properties",
                                body("cores", body("type", "integer", "title", "Cores", "minimum", 1))));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("self").asText()).isEqualTo(objects + "/cpu");
        assertThat(created.json().get("schema").asText()).isEqualTo("/v2/schemas/metadefs/object");
        assertThat(Api.as(people.adminA).post(objects, body("name", "cpu")).status())
                .isEqualTo(409);
        assertThat(Api.as(people.adminA)
                        .post(
                                objects,
                                body(
                                        "name",
                                        "bad",
                                        "properties",
                                        body("x", body("type", "string", "title", "X", "unknown", 1))))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.adminA)
                        .post(objects, body("name", "bad", "self", "x"))
                        .status())
                .isEqualTo(403);

        JsonNode list = Api.as(people.readerA).get(objects).json();
        assertThat(list.get("objects").findValuesAsText("name")).containsExactlyInAnyOrder("o", "cpu");
        assertThat(list.get("schema").asText()).isEqualTo("v2/schemas/metadefs/objects");
        assertThat(Api.as(people.readerA)
                        .get(objects + "/cpu")
                        .json()
                        .get("properties")
                        .get("cores")
                        .get("minimum")
                        .asInt())
                .isEqualTo(1);

        ApiResponse replaced = put(people.adminA, objects + "/cpu", body("name", "processor"));
        assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
        assertThat(replaced.json().has("description"))
                .as("an update replaces the whole object")
                .isFalse();
        assertThat(Api.as(people.adminA).get(objects + "/cpu").status()).isEqualTo(404);
        assertThat(put(people.adminA, objects + "/processor", body("name", "o")).status())
                .isEqualTo(409);
        assertThat(Api.as(people.adminA).delete(objects + "/processor").status())
                .isEqualTo(204);
        assertThat(Api.as(people.adminA).delete(objects + "/processor").status())
                .isEqualTo(404);
    }

    @Test
    void propertiesAreValidatedAndShownWithOrWithoutPrefix() {
        String name = createFull("public");
        String properties = ns(name) + "/properties";
        ApiResponse created = Api.as(people.adminA)
                .post(
                        properties,
                        body(
                                "name",
                                "mode",
                                "type",
                                "string",
                                "title",
                                "Mode",
                                "enum",
                                List.of("a", "b"),
                                "default",
                                "a"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("mode");
        assertThat(Api.as(people.adminA)
                        .post(properties, body("name", "mode", "type", "string", "title", "M"))
                        .status())
                .isEqualTo(409);
        assertThat(Api.as(people.adminA)
                        .post(properties, body("name", "x", "type", "text", "title", "X"))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.adminA)
                        .post(properties, body("name", "x", "type", "string"))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.adminA)
                        .post(properties, body("type", "string", "title", "X"))
                        .status())
                .isEqualTo(400);

        JsonNode all = Api.as(people.memberB).get(properties).json().get("properties");
        assertThat(all.has("p")).isTrue();
        assertThat(all.get("p").has("name"))
                .as("a definition from a namespace document has no name")
                .isFalse();
        assertThat(all.get("mode").get("name").asText())
                .as("one made through this API keeps it")
                .isEqualTo("mode");
        assertThat(Api.as(people.memberB)
                        .get(properties + "/x_mode?resource_type=OS::Glance::Image")
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo("mode");
        assertThat(Api.as(people.memberB)
                        .get(properties + "/mode?resource_type=OS::Glance::Image")
                        .status())
                .isEqualTo(404);

        ApiResponse renamed =
                put(people.adminA, properties + "/mode", body("name", "style", "type", "boolean", "title", "Style"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        assertThat(Api.as(people.adminA).get(properties + "/mode").status()).isEqualTo(404);
        assertThat(Api.as(people.adminA)
                        .get(properties + "/style")
                        .json()
                        .get("type")
                        .asText())
                .isEqualTo("boolean");
        assertThat(Api.as(people.adminA).delete(properties + "/style").status()).isEqualTo(204);
        assertThat(Api.as(people.adminA).delete(properties).status()).isEqualTo(204);
        assertThat(Api.as(people.adminA).get(properties).json().get("properties"))
                .isEmpty();
    }

    @Test
    void tagsComeOneByOneOrManyAtOnceReplacingUnlessAppended() {
        String name = createFull("private");
        String tags = ns(name) + "/tags";
        ApiResponse one = Api.as(people.adminA).send("POST", tags + "/single", null, null, Map.of());
        assertThat(one.status()).as("%s", one).isEqualTo(201);
        assertThat(one.json().get("name").asText()).isEqualTo("single");
        assertThat(Api.as(people.adminA)
                        .send("POST", tags + "/single", null, null, Map.of())
                        .status())
                .isEqualTo(409);

        ApiResponse replaced =
                Api.as(people.adminA).post(tags, body("tags", List.of(body("name", "a"), body("name", "b"))));
        assertThat(replaced.status()).as("%s", replaced).isEqualTo(201);
        assertThat(names(Api.as(people.readerA).get(tags))).containsExactlyInAnyOrder("a", "b");

        ApiResponse appended = post(
                people.adminA, tags, body("tags", List.of(body("name", "c"))), Map.of("X-Openstack-Append", "True"));
        assertThat(appended.status()).isEqualTo(201);
        assertThat(names(Api.as(people.readerA).get(tags))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(post(
                                people.adminA,
                                tags,
                                body("tags", List.of(body("name", "a"))),
                                Map.of("X-Openstack-Append", "true"))
                        .status())
                .isEqualTo(409);
        assertThat(names(Api.as(people.readerA).get(tags))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(Api.as(people.adminA)
                        .post(tags, body("tags", List.of(body("nam", "z"))))
                        .status())
                .isEqualTo(400);

        assertThat(names(Api.as(people.readerA).get(tags + "?sort_key=name&sort_dir=asc&limit=2")))
                .containsExactly("a", "b");
        assertThat(names(Api.as(people.readerA).get(tags + "?sort_key=name&sort_dir=asc&marker=b")))
                .containsExactly("c");

        ApiResponse renamed = put(people.adminA, tags + "/a", body("name", "z"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("z");
        assertThat(put(people.adminA, tags + "/z", body("name", "b")).status()).isEqualTo(409);
        assertThat(Api.as(people.readerA).get(tags + "/z").status()).isEqualTo(200);
        assertThat(Api.as(people.adminA).delete(tags + "/z").status()).isEqualTo(204);
        assertThat(Api.as(people.adminA).delete(tags).status()).isEqualTo(204);
        assertThat(names(Api.as(people.readerA).get(tags))).isEmpty();
    }

    @Test
    void resourceTypesAppearWithAssociationsAndStayAfterThem() {
        String name = createFull("public");
        String type = "OS::Glance4j::" + uniqueName("type").replace(":", "");
        String associations = ns(name) + "/resource_types";
        ApiResponse created = Api.as(people.adminA)
                .post(associations, body("name", type, "prefix", "g4j_", "properties_target", "image"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("properties_target").asText()).isEqualTo("image");
        assertThat(Api.as(people.adminA).post(associations, body("name", type)).status())
                .isEqualTo(409);
        assertThat(Api.as(people.adminA).post(associations, body("prefix", "x")).status())
                .isEqualTo(400);

        JsonNode ofNamespace = Api.as(people.readerB).get(associations).json();
        assertThat(ofNamespace.get("resource_type_associations").findValuesAsText("name"))
                .containsExactlyInAnyOrder("OS::Glance::Image", type);
        assertThat(Api.as(people.readerB)
                        .get("/v2/metadefs/resource_types")
                        .json()
                        .get("resource_types")
                        .findValuesAsText("name"))
                .contains(type, "OS::Glance::Image");

        assertThat(Api.as(people.adminA).delete(associations + "/" + type).status())
                .isEqualTo(204);
        assertThat(Api.as(people.adminA).delete(associations + "/" + type).status())
                .isEqualTo(404);
        assertThat(Api.as(people.readerB)
                        .get("/v2/metadefs/resource_types")
                        .json()
                        .get("resource_types")
                        .findValuesAsText("name"))
                .as("a type outlives its associations")
                .contains(type);
    }

    @Test
    void theTenSchemasAreServed() {
        for (String schema : List.of(
                "namespace",
                "namespaces",
                "resource_type",
                "resource_types",
                "property",
                "properties",
                "object",
                "objects",
                "tag",
                "tags")) {
            ApiResponse response = Api.as(people.readerA).get("/v2/schemas/metadefs/" + schema);
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            assertThat(response.json().has("properties")).isTrue();
        }
        JsonNode namespace =
                Api.as(people.readerA).get("/v2/schemas/metadefs/namespace").json();
        assertThat(namespace.get("name").asText()).isEqualTo("namespace");
        assertThat(namespace.get("required").get(0).asText()).isEqualTo("namespace");
        assertThat(namespace.get("properties").get("namespace").get("maxLength").asInt())
                .isEqualTo(80);
        assertThat(namespace.get("definitions").has("property")).isTrue();
        assertThat(Api.as(people.readerA)
                        .get("/v2/schemas/metadefs/resource_type")
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo("resource_type_association");
        JsonNode tags = Api.as(people.readerA).get("/v2/schemas/metadefs/tags").json();
        assertThat(tags.get("properties")
                        .get("tags")
                        .get("items")
                        .get("required")
                        .get(0)
                        .asText())
                .isEqualTo("name");
        assertThat(Api.as(people.readerA).get("/v2/schemas/metadefs/bogus").status())
                .isEqualTo(404);
    }

    private static List<String> names(ApiResponse tags) {
        assertThat(tags.status()).as("%s", tags).isEqualTo(200);
        return tags.json().get("tags").findValuesAsText("name");
    }
}
