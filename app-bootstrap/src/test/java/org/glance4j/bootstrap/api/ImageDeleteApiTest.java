package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code DELETE /v2/images/{id}}. */
class ImageDeleteApiTest extends ApiTestSupport {

    @Test
    void deleteAnswers204WithNoBodyAndTheImageIsGone() {
        String id = createWithVisibility(people.memberA, "private");

        ApiResponse response = Api.as(people.memberA).delete("/v2/images/" + id);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(Api.as(people.memberA).get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(ids(Api.as(people.memberA).get("/v2/images?owner=" + people.projectA)))
                .doesNotContain(id);
    }

    @Test
    void deletingTwiceIsNotFound() {
        String id = createWithVisibility(people.memberA, "private");
        Api.as(people.memberA).delete("/v2/images/" + id);

        assertThat(Api.as(people.memberA).delete("/v2/images/" + id).status()).isEqualTo(404);
    }

    @Test
    void deletingAnUnknownImageIsNotFound() {
        assertThat(Api.as(people.adminA).delete("/v2/images/" + unknownId()).status())
                .isEqualTo(404);
    }

    @Test
    void aProtectedImageCannotBeDeletedUntilUnprotected() {
        String id = create(people.memberA, body("name", "keep", "protected", true))
                .get("id")
                .asText();

        assertThat(Api.as(people.memberA).delete("/v2/images/" + id).status()).isEqualTo(403);
        assertThat(Api.as(people.adminA).delete("/v2/images/" + id).status()).isEqualTo(403);
        assertThat(show(people.memberA, id).get("status").asText()).isEqualTo("queued");

        Api.as(people.memberA).patch("/v2/images/" + id, List.of(op("replace", "/protected", false)));
        assertThat(Api.as(people.memberA).delete("/v2/images/" + id).status()).isEqualTo(204);
    }

    @Test
    void aReaderOfTheProjectIsForbidden() {
        String id = createWithVisibility(people.memberA, "private");

        assertThat(Api.as(people.readerA).delete("/v2/images/" + id).status()).isEqualTo(403);
        assertThat(show(people.memberA, id).get("id").asText()).isEqualTo(id);
    }

    @Test
    void anotherProjectGetsNotFoundForAnImageItCannotSee() {
        String id = createWithVisibility(people.memberA, "private");

        assertThat(Api.as(people.memberB).delete("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(show(people.memberA, id).get("id").asText()).isEqualTo(id);
    }

    @Test
    void anotherProjectIsForbiddenForAPublicImageItCanSee() {
        String id = createWithVisibility(people.adminA, "public");

        assertThat(Api.as(people.memberB).delete("/v2/images/" + id).status()).isEqualTo(403);
    }

    @Test
    void anAdminMayDeleteAnotherProjectsImage() {
        String id = createWithVisibility(people.memberB, "private");

        assertThat(Api.as(people.adminA).delete("/v2/images/" + id).status()).isEqualTo(204);
    }
}
