package org.glance4j.bootstrap.api.metadef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.ApiResponse;
import org.glance4j.bootstrap.api.ApiTarget;
import org.glance4j.bootstrap.api.Persona;
import org.glance4j.bootstrap.api.Personas;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the metadef API tests: the target server, fresh personas per class, unique namespace names (the catalog
 * is shared by every test of a run, and names are global), and shortcuts.
 */
@ExtendWith(ApiTarget.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MetadefApiSupport {
    static final String NAMESPACES = "/v2/metadefs/namespaces";

    protected final Personas people = new Personas();

    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A namespace name no other test or run uses. */
    static String uniqueName(String prefix) {
        return "glance4j-test::" + prefix + "::" + UUID.randomUUID().toString().substring(0, 13);
    }

    static String ns(String name) {
        return NAMESPACES + "/" + name;
    }

    static ApiResponse put(Persona who, String path, Object body) {
        return Api.as(who).send("PUT", path, "application/json", body, Map.of());
    }

    static ApiResponse post(Persona who, String path, Object body, Map<String, String> headers) {
        return Api.as(who).send("POST", path, "application/json", body, headers);
    }

    /**
     * A namespace of project A made by A's admin: one object {@code o}, one property {@code p}, one tag {@code t}
     * and an association with {@code OS::Glance::Image} (prefix {@code x_}).
     */
    String createFull(String visibility) {
        String name = uniqueName(visibility);
        ApiResponse created = Api.as(people.adminA)
                .post(
                        NAMESPACES,
                        body(
                                "namespace",
                                name,
                                "visibility",
                                visibility,
                                "owner",
                                people.projectA,
                                "display_name",
                                "A test namespace",
                                "objects",
                                List.of(body(
                                        "name", "o", "properties", body("q", body("type", "string", "title", "Q")))),
                                "tags",
                                List.of(body("name", "t")),
                                "properties",
                                body("p", body("type", "string", "title", "P")),
                                "resource_type_associations",
                                List.of(body("name", "OS::Glance::Image", "prefix", "x_"))));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return name;
    }
}
