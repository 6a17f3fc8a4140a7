package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TagsAndSchemasTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.tags.calls.clear();
        fx.tags.failure = null;
    }

    @Test
    void putAndDeleteTagAnswer204WithTheDecodedTag() {
        assertThat(fx.send("PUT", "/v2/images/img-1/tags/hello%20w%C3%B6rld+x", null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(fx.send("DELETE", "/v2/images/img-1/tags/a%2Fb", null).statusCode())
                .isEqualTo(204);
        assertThat(fx.tags.calls).containsExactly("add img-1 hello wörld+x", "remove img-1 a/b");
    }

    @Test
    void tagErrorsComeFromTheService() {
        fx.tags.failure = GlanceException.tooLarge("Image tag limit exceeded");
        assertThat(fx.send("PUT", "/v2/images/img-1/tags/t", null).statusCode()).isEqualTo(413);
        fx.tags.failure = GlanceException.notFound("Tag t not found");
        assertThat(fx.send("DELETE", "/v2/images/img-1/tags/t", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void tagsRefuseOtherMethodsAndBodies() {
        HttpResponse<String> r = fx.send("GET", "/v2/images/img-1/tags/t", null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("PUT, DELETE");
        assertThat(fx.send("PUT", "/v2/images/img-1/tags/t", "x").statusCode()).isEqualTo(400);
        assertThat(fx.tags.calls).isEmpty();
    }

    @Test
    void undecodableTagIs400() {
        HttpResponse<String> r = fx.send("PUT", "/v2/images/img-1/tags/%FF%FE", null, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(r).get("message").asText()).startsWith("Error decoding your request.");
    }

    @Test
    void schemasComeFromTheSchemaService() {
        Map<String, Object> image = ServerFixture.map(fx.get("/v2/schemas/image"));
        assertThat(image)
                .containsEntry("name", "image")
                .containsEntry(
                        "properties", Map.of("name", Map.of("type", List.of("null", "string"), "maxLength", 255)));
        assertThat(ServerFixture.map(fx.get("/v2/schemas/images"))).containsEntry("name", "images");
        HttpResponse<String> post = fx.send("POST", "/v2/schemas/image", "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");
        assertThat(ServerFixture.map(fx.get("/v2/schemas/member"))).containsEntry("name", "member");
        assertThat(ServerFixture.map(fx.get("/v2/schemas/members"))).containsEntry("name", "members");
        assertThat(fx.get("/v2/schemas/task").statusCode()).isEqualTo(404);
    }
}
