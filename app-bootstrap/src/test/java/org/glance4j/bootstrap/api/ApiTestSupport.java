package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the API test classes: the target server, fresh personas per class, and a few shortcuts.
 *
 * <p>Each class gets its own random projects, so images of other classes and runs stay out of its
 * private lists; public images of others may show in lists, so list assertions scope themselves with
 * an owner, a tag or a unique name.
 */
@ExtendWith(ApiTarget.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestSupport {
    /** Tags of tests whose expectations follow Glance master where 25.1.0 answers otherwise. */
    static final String MASTER_DIFFERS = "glance-master-differs";
    /** Tags of tests whose expectations are better than a documented Glance bug. */
    static final String GLANCE_BUG = "glance-bug";

    protected final Personas people = new Personas();

    /** A JSON-patch operation. */
    static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    /** A JSON-patch remove operation. */
    static Map<String, Object> remove(String path) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", "remove");
        operation.put("path", path);
        return operation;
    }

    /** A map from alternating keys and values, keeping order and allowing nulls. */
    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A random image id that no image has (never create an image with it). */
    static String unknownId() {
        return UUID.randomUUID().toString();
    }

    /** A unique name that no other test or run uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Creates an image as {@code who} and returns its JSON, failing unless the answer is 201. */
    static JsonNode create(Persona who, Map<String, Object> image) {
        ApiResponse response = Api.as(who).post("/v2/images", image);
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json();
    }

    /**
     * Offers the shared image {@code id} of {@code owner} to {@code member}'s project, which accepts it, then gives
     * the image {@code visibility} (as {@code owner}). The membership stays when the image stops being shared.
     */
    static void shareAccepted(Persona owner, String id, Persona member, String visibility) {
        shareAccepted(ApiTarget.baseUri(), owner, id, member, visibility);
    }

    /** As {@link #shareAccepted(Persona, String, Persona, String)}, on the server at {@code base}. */
    static void shareAccepted(URI base, Persona owner, String id, Persona member, String visibility) {
        ApiResponse offered =
                Api.at(base, owner).post("/v2/images/" + id + "/members", body("member", member.projectId()));
        assertThat(offered.status()).as("%s", offered).isEqualTo(200);
        ApiResponse accepted = Api.at(base, member)
                .send(
                        "PUT",
                        "/v2/images/" + id + "/members/" + member.projectId(),
                        "application/json",
                        body("status", "accepted"),
                        Map.of());
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        if (!visibility.equals("shared")) {
            ApiResponse patched =
                    Api.at(base, owner).patch("/v2/images/" + id, List.of(op("replace", "/visibility", visibility)));
            assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        }
    }

    /** Creates an image with the given visibility as {@code who} and returns its id. */
    static String createWithVisibility(Persona who, String visibility) {
        return create(who, body("name", unique("img"), "visibility", visibility))
                .get("id")
                .asText();
    }

    /** The ids of the images of a list answer. */
    static List<String> ids(ApiResponse list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        list.json().get("images").forEach(image -> ids.add(image.get("id").asText()));
        return ids;
    }

    /** GET of an image as {@code who}, failing unless 200. */
    static JsonNode show(Persona who, String id) {
        ApiResponse response = Api.as(who).get("/v2/images/" + id);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }
}
