package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /v2/images/{id}}: every field, and who sees what. */
class ImageShowApiTest extends ApiTestSupport {

    @Test
    void showAnswersEveryFieldOfTheImage() {
        JsonNode created = create(people.memberA, body("name", "shown", "tags", List.of("x"), "os_distro", "debian"));
        String id = created.get("id").asText();

        ApiResponse response = Api.as(people.readerA).get("/v2/images/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.mediaType()).isEqualTo("application/json");
        JsonNode image = response.json();
        assertThat(image.fieldNames())
                .toIterable()
                .contains(
                        "id",
                        "name",
                        "status",
                        "visibility",
                        "protected",
                        "os_hidden",
                        "checksum",
                        "os_hash_algo",
                        "os_hash_value",
                        "size",
                        "virtual_size",
                        "disk_format",
                        "container_format",
                        "min_disk",
                        "min_ram",
                        "owner",
                        "tags",
                        "created_at",
                        "updated_at",
                        "self",
                        "file",
                        "schema",
                        "os_distro");
        assertThat(image).isEqualTo(created);
    }

    @Test
    void showOfAnUnknownIdIsNotFound() {
        ApiResponse response = Api.as(people.adminA).get("/v2/images/" + unknownId());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("404 Not Found");
    }

    @Test
    void showOfAnIdThatIsNotAUuidIsNotFound() {
        assertThat(Api.as(people.adminA).get("/v2/images/not-a-uuid").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"private", "shared"})
    void anotherProjectCannotSeeAPrivateOrSharedImage(String visibility) {
        String id = createWithVisibility(people.memberA, visibility);

        assertThat(Api.as(people.memberB).get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(Api.as(people.readerB).get("/v2/images/" + id).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "community"})
    void anotherProjectSeesPublicAndCommunityImages(String visibility) {
        String id = createWithVisibility(people.adminA, visibility);

        assertThat(show(people.readerB, id).get("visibility").asText()).isEqualTo(visibility);
    }

    @Test
    void anAdminSeesEveryProjectsPrivateImages() {
        String id = createWithVisibility(people.memberB, "private");

        assertThat(show(people.adminA, id).get("owner").asText()).isEqualTo(people.projectB);
    }

    @Test
    void aDeletedImageIsNotFoundEvenForAnAdmin() {
        String id = createWithVisibility(people.memberA, "private");
        assertThat(Api.as(people.memberA).delete("/v2/images/" + id).status()).isEqualTo(204);

        assertThat(Api.as(people.memberA).get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(Api.as(people.adminA).get("/v2/images/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTokenWithMemberButNotReaderCannotShow() {
        String id = createWithVisibility(people.memberA, "private");

        assertThat(Api.as(people.memberOnlyA).get("/v2/images/" + id).status()).isEqualTo(404);
    }

    @Test
    void roleNamesCompareCaseInsensitively() {
        String id = createWithVisibility(people.memberA, "private");
        Persona shouting = new Persona("READER of A", "shouting-user", people.projectA, List.of("READER"));

        assertThat(Api.as(shouting).get("/v2/images/" + id).status()).isEqualTo(200);
    }

    @Test
    void theTenantIdHeaderAloneNamesTheProject() {
        String id = createWithVisibility(people.memberA, "private");

        ApiResponse response = Api.as(people.anonymous)
                .get(
                        "/v2/images/" + id,
                        java.util.Map.of(
                                "X-Identity-Status",
                                "Confirmed",
                                "X-User-Id",
                                "tenant-user",
                                "X-Tenant-Id",
                                people.projectA,
                                "X-Roles",
                                "reader"));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    @Test
    void anIdentityThatIsNotConfirmedIsUnauthorized() {
        ApiResponse response = Api.as(people.anonymous)
                .get(
                        "/v2/images",
                        java.util.Map.of(
                                "X-Identity-Status",
                                "Invalid",
                                "X-User-Id",
                                "u",
                                "X-Project-Id",
                                people.projectA,
                                "X-Roles",
                                "reader"));

        assertThat(response.status()).isEqualTo(401);
    }
}
