package org.glance4j.bootstrap.api.metadef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.ApiResponse;
import org.glance4j.bootstrap.api.Persona;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may read and write the catalog: every persona, on a private and a public namespace of project A, for the
 * reads (show, list, objects, one object, properties, tags, associations) and the writes (update, add object, add
 * tag, delete tag, delete namespace), then the resource type list and creating a namespace. Every cell was read
 * from real Glance 25.1.0 (secure RBAC defaults, trusted headers). Writes are admin-only; a namespace the caller
 * may not read is 404 whatever the call; a member-only token (no reader role) reads nothing, and even listing is
 * 404 there, because Glance turns a refusal into 404 when the caller could not read the namespace.
 */
class MetadefPersonaMatrixApiTest extends MetadefApiSupport {

    private static final List<String> OPERATIONS = List.of(
            "show",
            "list",
            "objects",
            "object",
            "properties",
            "tags",
            "associations",
            "update",
            "add-object",
            "add-tag",
            "delete-tag",
            "delete");

    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(
                "admin of A",
                "private: 200 listed 200 200 200 200 200 200 201 201 204 204 | public: 200 listed 200 200 200 200 200 200 201 201 204 204 | 200 201");
        EXPECTED.put(
                "member of A",
                "private: 200 listed 200 200 200 200 200 403 403 403 403 403 | public: 200 listed 200 200 200 200 200 403 403 403 403 403 | 200 403");
        EXPECTED.put(
                "reader of A",
                "private: 200 listed 200 200 200 200 200 403 403 403 403 403 | public: 200 listed 200 200 200 200 200 403 403 403 403 403 | 200 403");
        EXPECTED.put(
                "member of B",
                "private: 404 unlisted 404 404 404 404 404 404 404 404 404 404 | public: 200 listed 200 200 200 200 200 403 403 403 403 403 | 200 403");
        EXPECTED.put(
                "reader of B",
                "private: 404 unlisted 404 404 404 404 404 404 404 404 404 404 | public: 200 listed 200 200 200 200 200 403 403 403 403 403 | 200 403");
        EXPECTED.put(
                "member-only token of A",
                "private: 404 404 404 404 404 404 404 404 404 404 404 404 | public: 404 404 404 404 404 404 404 404 404 404 404 404 | 404 404");
        // Project C (an image member elsewhere) is just another project to the catalog.
        EXPECTED.put(
                "member of the image",
                "private: 404 unlisted 404 404 404 404 404 404 404 404 404 404 | public: 200 listed 200 200 200 200 200 403 403 403 403 403 | 200 403");
        EXPECTED.put(
                "anonymous",
                "private: 401 401 401 401 401 401 401 401 401 401 401 401 | public: 401 401 401 401 401 401 401 401 401 401 401 401 | 401 401");
    }

    Stream<Arguments> personas() {
        return people.all().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personas")
    void everyCallAnswersAsGlanceDoes(Persona who) {
        List<String> parts = new ArrayList<>();
        for (String visibility : List.of("private", "public")) {
            String name = createFull(visibility);
            List<String> cells = new ArrayList<>();
            Api api = Api.as(who);
            cells.add(status(api.get(ns(name))));
            ApiResponse list = api.get(NAMESPACES + "?limit=1000");
            cells.add(
                    list.status() == 200
                            ? (list.body().contains("\"" + name + "\"") ? "listed" : "unlisted")
                            : String.valueOf(list.status()));
            cells.add(status(api.get(ns(name) + "/objects")));
            cells.add(status(api.get(ns(name) + "/objects/o")));
            cells.add(status(api.get(ns(name) + "/properties")));
            cells.add(status(api.get(ns(name) + "/tags")));
            cells.add(status(api.get(ns(name) + "/resource_types")));
            cells.add(status(
                    put(who, ns(name), body("namespace", name, "visibility", visibility, "owner", people.projectA))));
            cells.add(status(api.post(ns(name) + "/objects", body("name", "o2"))));
            cells.add(status(api.send("POST", ns(name) + "/tags/t2", null, null, Map.of())));
            cells.add(status(api.delete(ns(name) + "/tags/t")));
            cells.add(status(api.delete(ns(name))));
            parts.add(visibility + ": " + String.join(" ", cells));
            Api.as(people.adminA).delete(ns(name));
        }
        Api api = Api.as(who);
        String created = uniqueName("persona");
        parts.add(status(api.get("/v2/metadefs/resource_types")) + " "
                + status(api.post(NAMESPACES, body("namespace", created))));
        Api.as(people.adminA).delete(ns(created));

        assertThat(String.join(" | ", parts)).isEqualTo(EXPECTED.get(who.label()));
    }

    private static String status(ApiResponse response) {
        return String.valueOf(response.status());
    }
}
