package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/images/{id}/actions/deactivate} and {@code /reactivate}, and the delete of an image with data,
 * as real Glance answers.
 */
class ImageActionsApiTest extends ImageDataSupport {

    private String activePrivateImage() {
        return activeImage(people.memberA, "private", bytes(2048, 11));
    }

    private String status(String id) {
        return show(people.adminA, id).get("status").asText();
    }

    @Test
    void deactivateAndReactivateAnswer204AndMoveTheStatus() {
        String id = activePrivateImage();

        ApiResponse deactivated = action(people.memberA, id, "deactivate");
        assertThat(deactivated.status()).as("%s", deactivated).isEqualTo(204);
        assertThat(deactivated.body()).isEmpty();
        assertThat(status(id)).isEqualTo("deactivated");

        ApiResponse reactivated = action(people.memberA, id, "reactivate");
        assertThat(reactivated.status()).as("%s", reactivated).isEqualTo(204);
        assertThat(reactivated.body()).isEmpty();
        assertThat(status(id)).isEqualTo("active");
    }

    @Test
    void bothActionsAreIdempotent() {
        String id = activePrivateImage();

        assertThat(action(people.memberA, id, "reactivate").status()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("active");
        assertThat(action(people.memberA, id, "deactivate").status()).isEqualTo(204);
        assertThat(action(people.memberA, id, "deactivate").status()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("deactivated");
        assertThat(action(people.memberA, id, "reactivate").status()).isEqualTo(204);
        assertThat(action(people.memberA, id, "reactivate").status()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("active");
    }

    @Test
    void aDeactivatedImageDownloadsForAdminsOnly() {
        byte[] data = bytes(2048, 12);
        String id = activeImage(people.adminA, "public", data);
        assertThat(action(people.memberA, id, "deactivate").status()).isEqualTo(204);

        BinaryResponse admin = download(people.adminA, id, Map.of());
        assertThat(admin.status()).as("%s", admin).isEqualTo(200);
        assertThat(admin.bytes()).isEqualTo(data);
        for (Persona other : List.of(people.memberA, people.memberB)) {
            BinaryResponse refused = download(other, id, Map.of());
            assertThat(refused.status()).as("%s: %s", other, refused).isEqualTo(403);
        }

        action(people.memberA, id, "reactivate");
        BinaryResponse again = download(people.memberB, id, Map.of());
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.bytes()).isEqualTo(data);
    }

    @Test
    void aDeactivatedImageIsStillShownAndListed() {
        String id = activePrivateImage();
        action(people.memberA, id, "deactivate");

        assertThat(show(people.memberA, id).get("status").asText()).isEqualTo("deactivated");
        assertThat(ids(Api.as(people.memberA).get("/v2/images?id=" + id))).containsExactly(id);
    }

    @Test
    void actionsOnAQueuedImageAreForbidden() {
        String id = queuedImage(people.memberA, "private");

        ApiResponse deactivate = action(people.memberA, id, "deactivate");
        ApiResponse reactivate = action(people.memberA, id, "reactivate");

        assertThat(deactivate.status()).as("%s", deactivate).isEqualTo(403);
        assertThat(reactivate.status()).as("%s", reactivate).isEqualTo(403);
        assertThat(status(id)).isEqualTo("queued");
    }

    @Test
    void actionsOnAnUnknownImageAreNotFound() {
        assertThat(action(people.adminA, unknownId(), "deactivate").status()).isEqualTo(404);
        assertThat(action(people.adminA, unknownId(), "reactivate").status()).isEqualTo(404);
    }

    @Test
    void anUnknownActionIsNotFound() {
        String id = activePrivateImage();

        assertThat(action(people.memberA, id, "explode").status()).isEqualTo(404);
        assertThat(status(id)).isEqualTo("active");
    }

    @Test
    void actionsAcceptOnlyPost() {
        String id = activePrivateImage();

        assertThat(Api.as(people.memberA)
                        .get("/v2/images/" + id + "/actions/deactivate")
                        .status())
                .isEqualTo(405);
        assertThat(Api.as(people.memberA)
                        .put("/v2/images/" + id + "/actions/deactivate")
                        .status())
                .isEqualTo(405);
        assertThat(status(id)).isEqualTo("active");
    }

    @Test
    void deletingAnImageWithDataRemovesItAndItsData() {
        String id = activePrivateImage();

        assertThat(Api.as(people.memberA).delete("/v2/images/" + id).status()).isEqualTo(204);

        assertThat(Api.as(people.memberA).get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(download(people.memberA, id, Map.of()).status()).isEqualTo(404);
        assertThat(download(people.adminA, id, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void deletingADeactivatedImageRemovesIt() {
        String id = activePrivateImage();
        action(people.memberA, id, "deactivate");

        assertThat(Api.as(people.memberA).delete("/v2/images/" + id).status()).isEqualTo(204);

        assertThat(download(people.adminA, id, Map.of()).status()).isEqualTo(404);
        assertThat(action(people.adminA, id, "reactivate").status()).isEqualTo(404);
    }
}
