package org.glance4j.bootstrap.api.stores;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glance4j.bootstrap.api.ApiResponse;
import org.glance4j.bootstrap.api.BinaryResponse;
import org.glance4j.bootstrap.api.Persona;
import org.glance4j.storage.rbd.CephCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Multi-store with a {@code file} store and an {@code rbd} store on a real single-node Ceph (the rbd store's
 * {@link CephCluster}), the rbd store found on the class path by {@code ServiceLoader}: uploads to rbd, ranged
 * downloads, copy-image from file to rbd, delete from one store, and the rbd location in {@code locations} and
 * {@code direct_url}, as Glance writes it for Nova and Cinder.
 */
@ExtendWith(CephCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbdMultiStoreApiTest {
    private static final int MIB = 1024 * 1024;

    private final String project = "p" + UUID.randomUUID().toString().replace("-", "");
    private final Persona admin = Persona.of("admin", project, "admin", "member", "reader");
    private final Persona member = Persona.of("member", project, "member", "reader");
    private MultiStoreServer server;

    @BeforeAll
    void start() {
        server = MultiStoreServer.start(
                """
        [DEFAULT]
        enabled_backends = fast:file, ceph:rbd
        show_multiple_locations = true
        show_image_direct_url = true

        [glance_store]
        default_backend = fast

        [fast]
        filesystem_store_datadir = DIR/fast

        [ceph]
        rbd_store_pool = images
        rbd_store_user = glance
        rbd_store_ceph_conf = CONF
        rbd_store_chunk_size = 1
        """.replace("CONF", CephCluster.get().conf().toString()));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anUploadToRbdHasGlancesLocationAndIsServedWholeAndInRanges() {
        byte[] data = MultiStoreApiTest.bytes(3 * MIB + 123, 31);
        String id = queued();

        ApiResponse uploaded = upload(id, data, "ceph");

        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(204);
        JsonNode image = show(id);
        String rbdUrl = "rbd://" + CephCluster.get().fsid() + "/images/" + id + "/snap";
        assertThat(image.get("stores").asText()).isEqualTo("ceph");
        assertThat(image.get("locations")).hasSize(1);
        assertThat(image.get("locations").get(0).get("url").asText()).isEqualTo(rbdUrl);
        assertThat(image.get("locations").get(0).get("metadata").get("store").asText())
                .isEqualTo("ceph");
        assertThat(image.get("direct_url").asText()).isEqualTo(rbdUrl);
        assertThat(image.get("size").asLong()).isEqualTo(data.length);

        BinaryResponse whole = server.as(member).getBytes("GET", "/v2/images/" + id + "/file", Map.of());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(data);
        BinaryResponse range = server.as(member)
                .getBytes(
                        "GET",
                        "/v2/images/" + id + "/file",
                        Map.of("Range", "bytes=" + (MIB - 10) + "-" + (2 * MIB + 9)));
        assertThat(range.status()).as("%s", range).isEqualTo(206);
        assertThat(range.header("Content-Range"))
                .contains("bytes " + (MIB - 10) + "-" + (2 * MIB + 9) + "/" + data.length);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(data, MIB - 10, 2 * MIB + 10));
        BinaryResponse tail =
                server.as(member).getBytes("GET", "/v2/images/" + id + "/file", Map.of("Range", "bytes=-100"));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(data, data.length - 100, data.length));
    }

    @Test
    void copyImageFromFileToRbdThenDeleteFromRbdLeavesTheFileCopy() throws Exception {
        byte[] data = MultiStoreApiTest.bytes(2 * MIB + 7, 32);
        String id = queued();
        assertThat(upload(id, data, null).status()).isEqualTo(204);
        assertThat(show(id).get("stores").asText()).isEqualTo("fast");

        ApiResponse copy = server.as(admin)
                .post(
                        "/v2/images/" + id + "/import",
                        Map.of("method", Map.of("name", "copy-image"), "stores", List.of("ceph")));
        assertThat(copy.status()).as("%s", copy).isEqualTo(202);
        JsonNode copied = awaitStores(id, "fast,ceph");

        String rbdUrl = "rbd://" + CephCluster.get().fsid() + "/images/" + id + "/snap";
        assertThat(copied.get("locations"))
                .extracting(l -> l.get("url").asText())
                .containsExactlyInAnyOrder(
                        "file://" + server.dir().resolve("fast").resolve(id), rbdUrl);
        assertThat(CephCluster.get().admin("rbd", "snap", "ls", "images/" + id)).contains("snap");
        assertThat(rbdImages()).contains(id);

        ApiResponse deleted = server.as(admin).delete("/v2/stores/ceph/" + id);

        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        JsonNode after = show(id);
        assertThat(after.get("stores").asText()).isEqualTo("fast");
        assertThat(after.get("locations")).hasSize(1);
        assertThat(rbdImages()).doesNotContain(id);
        assertThat(server.as(member)
                        .getBytes("GET", "/v2/images/" + id + "/file", Map.of())
                        .bytes())
                .isEqualTo(data);
    }

    /**
     * As Glance (its InUseByStore), an image whose RBD snapshot has clones is not deleted: 409 naming the image, the
     * record stays active and downloadable, and the RBD image and its clone stay intact in the pool. Once the clone is
     * gone, the deletion goes through.
     */
    @Test
    void anImageWhoseSnapshotHasACloneIsNotDeleted() throws Exception {
        String id = queued();
        byte[] data = MultiStoreApiTest.bytes(MIB, 33);
        assertThat(upload(id, data, "ceph").status()).isEqualTo(204);
        String clone = "volume-" + id;
        CephCluster.get().admin("rbd", "clone", "images/" + id + "@snap", "images/" + clone);

        ApiResponse refused = server.as(admin).delete("/v2/images/" + id);

        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(refused.body()).contains("Image " + id + " could not be deleted because it is in use");
        assertThat(rbdImages()).contains(id, clone);
        assertThat(CephCluster.get().admin("rbd", "snap", "ls", "images/" + id)).contains("snap");
        assertThat(show(id).get("status").asText()).isEqualTo("active");
        assertThat(server.as(admin)
                        .getBytes("GET", "/v2/images/" + id + "/file", Map.of())
                        .bytes())
                .isEqualTo(data);

        CephCluster.get().admin("rbd", "rm", "images/" + clone);
        ApiResponse deleted = server.as(admin).delete("/v2/images/" + id);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        assertThat(rbdImages()).doesNotContain(id);
    }

    // ---- helpers

    private String rbdImages() throws Exception {
        return CephCluster.get().admin("rbd", "ls", "images");
    }

    private JsonNode awaitStores(String id, String stores) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode image = show(id);
        while (!stores.equals(image.path("stores").asText()) && System.nanoTime() < deadline) {
            assertThat(image.path("os_glance_failed_import").asText())
                    .as("failed import")
                    .isEmpty();
            Thread.sleep(100);
            image = show(id);
        }
        assertThat(image.path("stores").asText()).as("%s", image).isEqualTo(stores);
        return image;
    }

    private String queued() {
        ApiResponse created = server.as(member)
                .post("/v2/images", Map.of("name", "img", "disk_format", "raw", "container_format", "bare"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private ApiResponse upload(String id, byte[] data, String store) {
        Map<String, String> headers = store == null ? Map.of() : Map.of("X-Image-Meta-Store", store);
        return server.as(member).putBytes("/v2/images/" + id + "/file", "application/octet-stream", data, headers);
    }

    private JsonNode show(String id) {
        ApiResponse shown = server.as(member).get("/v2/images/" + id);
        assertThat(shown.status()).as("%s", shown).isEqualTo(200);
        return shown.json();
    }
}
