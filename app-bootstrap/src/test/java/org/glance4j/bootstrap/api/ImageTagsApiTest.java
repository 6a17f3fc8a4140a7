package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code PUT} and {@code DELETE /v2/images/{id}/tags/{tag}}. */
class ImageTagsApiTest extends ApiTestSupport {

    private String newImage() {
        return createWithVisibility(people.memberA, "private");
    }

    private List<String> tags(String id) {
        return Json.texts(show(people.memberA, id).get("tags"));
    }

    @Test
    void putAddsATagWith204() {
        String id = newImage();

        ApiResponse response = Api.as(people.memberA).put("/v2/images/" + id + "/tags/blue");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(tags(id)).containsExactly("blue");
    }

    @Test
    void putIsIdempotent() {
        String id = newImage();

        assertThat(Api.as(people.memberA).put("/v2/images/" + id + "/tags/blue").status())
                .isEqualTo(204);
        assertThat(Api.as(people.memberA).put("/v2/images/" + id + "/tags/blue").status())
                .isEqualTo(204);

        assertThat(tags(id)).containsExactly("blue");
    }

    @Test
    void deleteRemovesATagWith204() {
        String id = newImage();
        Api.as(people.memberA).put("/v2/images/" + id + "/tags/blue");
        Api.as(people.memberA).put("/v2/images/" + id + "/tags/green");

        ApiResponse response = Api.as(people.memberA).delete("/v2/images/" + id + "/tags/blue");

        assertThat(response.status()).isEqualTo(204);
        assertThat(tags(id)).containsExactly("green");
    }

    @Test
    void deletingAMissingTagIsNotFound() {
        assertThat(Api.as(people.memberA)
                        .delete("/v2/images/" + newImage() + "/tags/absent")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void tagsOnAnUnknownImageAreNotFound() {
        String unknown = "/v2/images/" + unknownId() + "/tags/x";

        assertThat(Api.as(people.adminA).put(unknown).status()).isEqualTo(404);
        assertThat(Api.as(people.adminA).delete(unknown).status()).isEqualTo(404);
    }

    @Test
    void aTagOf255CharactersIsAcceptedAndOneOf256IsBadRequest() {
        String id = newImage();

        assertThat(Api.as(people.memberA)
                        .put("/v2/images/" + id + "/tags/" + "t".repeat(255))
                        .status())
                .isEqualTo(204);
        assertThat(Api.as(people.memberA)
                        .put("/v2/images/" + id + "/tags/" + "t".repeat(256))
                        .status())
                .isEqualTo(400);
        assertThat(tags(id)).containsExactly("t".repeat(255));
    }

    @Test
    void aTagWithEncodedCharactersKeepsThem() {
        String id = newImage();

        assertThat(Api.as(people.memberA)
                        .put("/v2/images/" + id + "/tags/with%20space")
                        .status())
                .isEqualTo(204);

        assertThat(tags(id)).containsExactly("with space");
    }

    @Test
    void aTooLongTagIsBadRequestEvenOnAnImageTheCallerCannotSee() {
        String id = newImage();

        assertThat(Api.as(people.memberB)
                        .put("/v2/images/" + id + "/tags/" + "t".repeat(256))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.memberB)
                        .put("/v2/images/" + id + "/tags/short")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void tagsOfADeletedImageAreNotFound() {
        String id = newImage();
        Api.as(people.memberA).delete("/v2/images/" + id);

        assertThat(Api.as(people.memberA).put("/v2/images/" + id + "/tags/x").status())
                .isEqualTo(404);
        assertThat(Api.as(people.memberA).delete("/v2/images/" + id + "/tags/x").status())
                .isEqualTo(404);
    }

    @Test
    void aReaderCannotTag() {
        String id = newImage();

        assertThat(Api.as(people.readerA).put("/v2/images/" + id + "/tags/x").status())
                .isEqualTo(403);
        assertThat(tags(id)).isEmpty();
    }

    @Test
    void theTagQuotaIs128() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            many.add("tag" + i);
        }
        String id = create(people.memberA, body("tags", many)).get("id").asText();

        ApiResponse response = Api.as(people.memberA).put("/v2/images/" + id + "/tags/one-too-many");

        assertThat(response.status()).as("%s", response).isEqualTo(413);
        assertThat(tags(id)).hasSize(128);
    }

    @Test
    void creatingWithTooManyTagsIsRefused() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 129; i++) {
            many.add("tag" + i);
        }

        ApiResponse response = Api.as(people.memberA).post("/v2/images", body("tags", many));

        assertThat(response.status()).as("%s", response).isEqualTo(413);
    }
}
