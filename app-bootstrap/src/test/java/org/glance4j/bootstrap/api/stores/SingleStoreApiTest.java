package org.glance4j.bootstrap.api.stores;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glance4j.bootstrap.api.ApiResponse;
import org.glance4j.bootstrap.api.Persona;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Glance's single-store form (no {@code enabled_backends}), where the multi-store API does not exist: the store
 * calls are 404, images show no {@code stores}, no {@code locations} and no {@code direct_url} (the options are
 * off), an upload ignores {@code X-Image-Meta-Store}, and the multi-store versions are not published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleStoreApiTest {

    private final String project = "p" + UUID.randomUUID().toString().replace("-", "");
    private final Persona admin = Persona.of("admin", project, "admin", "member", "reader");
    private final Persona member = Persona.of("member", project, "member", "reader");
    private MultiStoreServer server;

    @BeforeAll
    void start() {
        server = MultiStoreServer.start("[glance_store]\nfilesystem_store_datadir = DIR/images\n");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theStoreCallsAreNotFound() {
        ApiResponse stores = server.as(member).get("/v2/info/stores");
        assertThat(stores.status()).isEqualTo(404);
        assertThat(stores.json().get("message").asText()).isEqualTo("Multi backend is not supported at this site.");
        assertThat(server.as(admin).get("/v2/info/stores/detail").status()).isEqualTo(404);
        String id = activeImage("hello".getBytes());
        assertThat(server.as(admin).delete("/v2/stores/file/" + id).status()).isEqualTo(404);
    }

    @Test
    void imagesShowNeitherStoresNorLocations() {
        ApiResponse created = server.as(member).post("/v2/images", Map.of("name", "x"));
        assertThat(created.header("OpenStack-image-store-ids")).isEmpty();
        String id = activeImage("data".getBytes());
        JsonNode image = server.as(member).get("/v2/images/" + id).json();
        assertThat(image.has("stores")).isFalse();
        assertThat(image.has("locations")).isFalse();
        assertThat(image.has("direct_url")).isFalse();
        ApiResponse patch = server.as(member)
                .patch(
                        "/v2/images/" + id,
                        List.of(MultiStoreApiTest.op(
                                "add", "/locations/-", Map.of("url", "http://example.com/x", "metadata", Map.of()))));
        assertThat(patch.status()).isEqualTo(403);
        assertThat(patch.json().get("message").asText()).contains("locations are invisible");
    }

    @Test
    void theUploadIgnoresTheStoreHeader() {
        String id = queued();
        ApiResponse upload = server.as(member)
                .putBytes(
                        "/v2/images/" + id + "/file",
                        "application/octet-stream",
                        "abc".getBytes(),
                        Map.of("X-Image-Meta-Store", "nowhere"));
        assertThat(upload.status()).as("%s", upload).isEqualTo(204);
    }

    @Test
    void theMultiStoreVersionsAreNotPublished() {
        assertThat(server.as(member).get("/versions").body()).doesNotContain("v2.13");
        assertThat(server.as(member).get("/v2.13/images").status()).isEqualTo(300);
    }

    private String queued() {
        ApiResponse created = server.as(member)
                .post("/v2/images", Map.of("name", "img", "disk_format", "raw", "container_format", "bare"));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String activeImage(byte[] data) {
        String id = queued();
        assertThat(server.as(member)
                        .putBytes("/v2/images/" + id + "/file", "application/octet-stream", data, Map.of())
                        .status())
                .isEqualTo(204);
        return id;
    }
}
