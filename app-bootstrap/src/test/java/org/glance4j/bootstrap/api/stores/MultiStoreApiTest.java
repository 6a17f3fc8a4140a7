package org.glance4j.bootstrap.api.stores;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glance4j.bootstrap.api.ApiResponse;
import org.glance4j.bootstrap.api.BinaryResponse;
import org.glance4j.bootstrap.api.Persona;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The multi-store API over HTTP, on a server configured as Glance operators configure it: three stores in
 * {@code enabled_backends} (two file stores and an in-memory test store whose locations a client may add), a
 * {@code default_backend}, descriptions, weights, and locations and {@code direct_url} shown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiStoreApiTest {

    private static final String CONF = """
      [DEFAULT]
      enabled_backends = fast:file, slow:file, mem:test-memory, ro:test-memory
      show_multiple_locations = true
      show_image_direct_url = True

      [glance_store]
      default_backend = fast

      [fast]
      filesystem_store_datadir = DIR/fast
      store_description = Fast disks
      weight = 10

      [slow]
      store_description = Slow disks

      [mem]
      weight = 50

      [ro]
      read_only = true
      """;

    private final String project = "p" + UUID.randomUUID().toString().replace("-", "");
    private final Persona admin = Persona.of("admin", project, "admin", "member", "reader");
    private final Persona member = Persona.of("member", project, "member", "reader");
    private final Persona reader = Persona.of("reader", project, "reader");
    private final Persona service = Persona.of("service", project, "member", "reader", "service");
    private MultiStoreServer server;

    @BeforeAll
    void start() {
        server = MultiStoreServer.start(CONF);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    // ---- discovery

    @Test
    void infoStoresListsEveryStoreWithDescriptionAndDefault() {
        ApiResponse stores = server.as(reader).get("/v2/info/stores");
        assertThat(stores.status()).as("%s", stores).isEqualTo(200);
        assertThat(stores.json()).isEqualTo(Json.parse("""
        {"stores": [{"id": "fast", "description": "Fast disks", "default": "true"},
                    {"id": "slow", "description": "Slow disks"},
                    {"id": "mem"},
                    {"id": "ro", "read-only": "true"}]}"""));
    }

    @Test
    void infoStoresDetailIsForAdminsAndShowsTypeWeightAndFileProperties() {
        assertThat(server.as(member).get("/v2/info/stores/detail").status()).isEqualTo(403);
        ApiResponse detail = server.as(admin).get("/v2/info/stores/detail");
        assertThat(detail.status()).as("%s", detail).isEqualTo(200);
        JsonNode fast = detail.json().get("stores").get(0);
        assertThat(fast.get("id").asText()).isEqualTo("fast");
        assertThat(fast.get("type").asText()).isEqualTo("file");
        assertThat(fast.get("weight").asInt()).isEqualTo(10);
        assertThat(fast.get("properties").get("data_dir").asText())
                .isEqualTo(server.dir().resolve("fast").toString());
        assertThat(fast.get("properties").get("chunk_size").asLong()).isEqualTo(65536);
        assertThat(fast.get("properties").get("thin_provisioning").asBoolean()).isFalse();
        JsonNode slow = detail.json().get("stores").get(1);
        assertThat(slow.get("weight").asInt()).isZero();
        assertThat(slow.get("properties").get("data_dir").asText())
                .isEqualTo(server.dir().resolve("data").resolve("slow").toString());
        assertThat(server.as(service).get("/v2/info/stores/detail").status()).isEqualTo(200);
    }

    @Test
    void infoStoresAnswersOnlyGet() {
        ApiResponse post = server.as(admin).post("/v2/info/stores", Map.of());
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).contains("GET");
    }

    @Test
    void createAnswersTheStoreIds() {
        ApiResponse created = server.as(member).post("/v2/images", Map.of("name", "x"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("OpenStack-image-store-ids")).contains("fast,slow,mem,ro");
        assertThat(created.json().has("stores")).isFalse();
        assertThat(created.json().get("locations").isEmpty()).isTrue();
        assertThat(created.json().has("direct_url")).isFalse();
    }

    @Test
    void theMultiStoreVersionsArePublishedAndAccepted() {
        ApiResponse versions = server.as(reader).get("/versions");
        List<String> ids = new ArrayList<>();
        versions.json().get("versions").forEach(v -> ids.add(v.get("id").asText()));
        assertThat(ids)
                .containsExactly(
                        "v2.17", "v2.15", "v2.13", "v2.12", "v2.11", "v2.10", "v2.9", "v2.8", "v2.7", "v2.6", "v2.5",
                        "v2.4", "v2.3", "v2.2", "v2.1", "v2.0");
        assertThat(server.as(reader).get("/v2.13/info/stores").status()).isEqualTo(200);
        assertThat(server.as(reader).get("/v2.8/images").status()).isEqualTo(200);
        for (String id : ids) {
            ApiResponse stores = server.as(reader).get("/" + id + "/info/stores");
            assertThat(stores.status()).as("%s: %s", id, stores).isEqualTo(200);
        }
    }

    // ---- upload and download

    @Test
    void uploadGoesToTheDefaultStoreOrTheOneTheHeaderNames() {
        String id = queued();
        assertThat(upload(id, bytes(100, 1), null).status()).isEqualTo(204);
        JsonNode image = show(id);
        assertThat(image.get("stores").asText()).isEqualTo("fast");
        String url = image.get("locations").get(0).get("url").asText();
        assertThat(url).isEqualTo("file://" + server.dir().resolve("fast").resolve(id));
        assertThat(image.get("locations").get(0).get("metadata")).isEqualTo(Json.parse("{\"store\": \"fast\"}"));
        assertThat(image.get("direct_url").asText()).isEqualTo(url);

        String toSlow = queued();
        assertThat(upload(toSlow, bytes(100, 2), "slow").status()).isEqualTo(204);
        assertThat(show(toSlow).get("stores").asText()).isEqualTo("slow");
        assertThat(Files.exists(server.dir().resolve("data").resolve("slow").resolve(toSlow)))
                .isTrue();
        assertThat(download(toSlow).bytes()).isEqualTo(bytes(100, 2));
    }

    @Test
    void uploadToAnUnknownStoreIs400AndLeavesTheImageQueued() {
        String id = queued();
        ApiResponse refused = upload(id, bytes(10, 3), "nowhere");
        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("Store for identifier nowhere not found");
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(upload(unknownImage(), bytes(10, 3), "nowhere").status()).isEqualTo(400);
    }

    @Test
    void uploadToAStoreThatOnlyReadsIsRefusedAndLeavesTheImageQueued() {
        String id = queued();
        ApiResponse refused = upload(id, bytes(10, 3), "ro");
        assertThat(refused.status()).as("%s", refused).isEqualTo(501);
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
    }

    @Test
    void downloadReadsTheStoreOfHighestWeight() {
        byte[] memBytes = bytes(300, 7);
        byte[] fastBytes = bytes(300, 8);
        String inMem = queued();
        assertThat(upload(inMem, memBytes, "mem").status()).isEqualTo(204);
        String memUrl = show(inMem).get("locations").get(0).get("url").asText();
        String id = queued();
        upload(id, fastBytes, null);
        ApiResponse added = server.as(member)
                .patch(
                        "/v2/images/" + id,
                        List.of(op("add", "/locations/-", Map.of("url", memUrl, "metadata", Map.of()))));
        assertThat(added.status()).as("%s", added).isEqualTo(200);
        assertThat(added.json().get("stores").asText()).isEqualTo("mem,fast");
        assertThat(added.json().get("direct_url").asText()).isEqualTo(memUrl);
        assertThat(added.json()
                        .get("locations")
                        .get(0)
                        .get("metadata")
                        .get("store")
                        .asText())
                .isEqualTo("mem");
        // the location in mem (weight 50) is read before the one in fast (weight 10): its bytes are another image's
        assertThat(download(id).bytes()).isEqualTo(memBytes);

        ApiResponse deleted = server.as(admin).delete("/v2/stores/mem/" + id);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        JsonNode after = show(id);
        assertThat(after.get("stores").asText()).isEqualTo("fast");
        assertThat(after.get("locations")).hasSize(1);
        assertThat(download(id).bytes()).isEqualTo(fastBytes);
    }

    // ---- delete from store

    @Test
    void deleteFromStoreRefusesAsGlanceDoes() {
        String id = queued();
        upload(id, bytes(50, 4), null);
        assertStatus(server.as(admin).delete("/v2/stores/fast/" + id), 403, "only store containing it");
        assertStatus(server.as(admin).delete("/v2/stores/nowhere/" + id), 409, "not available on this node");
        assertStatus(server.as(member).delete("/v2/stores/fast/" + id), 403, "delete_image_location");
        assertStatus(server.as(admin).delete("/v2/stores/fast/" + unknownImage()), 404, "Failed to find image");
        assertStatus(server.as(admin).delete("/v2/stores/fast/" + queued()), 409, "not 'active'");
        ApiResponse get = server.as(admin).get("/v2/stores/fast/" + id);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).contains("DELETE");
        assertThat(Files.exists(server.dir().resolve("fast").resolve(id))).isTrue();
    }

    // ---- locations by PATCH

    @Test
    void fileLocationsAreNeverAcceptedFromClients() {
        String id = queued();
        assertStatus(
                server.as(member)
                        .patch(
                                "/v2/images/" + id,
                                List.of(op(
                                        "add",
                                        "/locations/-",
                                        Map.of("url", "file:///etc/passwd", "metadata", Map.of())))),
                400,
                "Invalid location");
        assertStatus(
                server.as(member)
                        .patch(
                                "/v2/images/" + id,
                                List.of(op("add", "/locations/-", Map.of("url", "memory://mem/none")))),
                400,
                "'metadata' is a required property");
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
    }

    @Test
    void aQueuedImageBecomesActiveFromAnAddedLocation() {
        byte[] data = bytes(222, 9);
        String source = queued();
        upload(source, data, "mem");
        String memUrl = show(source).get("locations").get(0).get("url").asText();
        String id = queued();
        ApiResponse added = server.as(member)
                .patch(
                        "/v2/images/" + id,
                        List.of(op(
                                "replace",
                                "/locations",
                                List.of(Map.of("url", memUrl, "metadata", Map.of("k", "v"))))));
        assertThat(added.status()).as("%s", added).isEqualTo(200);
        assertThat(added.json().get("status").asText()).isEqualTo("active");
        assertThat(added.json().get("size").asLong()).isEqualTo(222);
        assertThat(added.json().get("locations").get(0).get("metadata"))
                .isEqualTo(Json.parse("{\"k\": \"v\", \"store\": \"mem\"}"));
        assertThat(download(id).bytes()).isEqualTo(data);
        assertStatus(
                server.as(admin).patch("/v2/images/" + id, List.of(remove("/locations/0"))),
                403,
                "Cannot remove last location");
        assertStatus(
                server.as(member).patch("/v2/images/" + id, List.of(op("replace", "/locations", List.of()))),
                403,
                "Cannot set locations to empty list");
    }

    @Test
    void stores_cannotBePatched() {
        String id = queued();
        assertThat(server.as(member)
                        .patch("/v2/images/" + id, List.of(op("add", "/stores", "fast")))
                        .status())
                .isEqualTo(409);
    }

    // ---- add-location (2.17) and the service's list

    @Test
    void theServiceAddsALocationAndListsLocations() {
        byte[] data = bytes(64, 11);
        String source = queued();
        upload(source, data, "mem");
        String memUrl = show(source).get("locations").get(0).get("url").asText();
        String id = queued();
        assertStatus(
                server.as(member).post("/v2/images/" + id + "/locations", Map.of("url", memUrl)),
                403,
                "http store must be enabled");
        ApiResponse added = server.as(service)
                .post(
                        "/v2/images/" + id + "/locations",
                        Map.of(
                                "url",
                                memUrl,
                                "validation_data",
                                Map.of("os_hash_algo", "sha256", "os_hash_value", sha256(data))));
        assertThat(added.status()).as("%s", added).isEqualTo(202);
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("os_hash_algo").asText()).isEqualTo("sha256");
        assertThat(image.get("os_hash_value").asText()).isEqualTo(sha256(data));
        assertStatus(
                server.as(service).post("/v2/images/" + id + "/locations", Map.of("url", memUrl)),
                409,
                "image status is active");
        ApiResponse listed = server.as(service).get("/v2/images/" + id + "/locations");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json())
                .isEqualTo(Json.parse("[{\"url\": \"" + memUrl + "\", \"metadata\": {\"store\": \"mem\"}}]"));
        assertThat(server.as(member).get("/v2/images/" + id + "/locations").status())
                .isEqualTo(403);
    }

    // ---- helpers

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

    private BinaryResponse download(String id) {
        BinaryResponse response = server.as(member).getBytes("GET", "/v2/images/" + id + "/file", Map.of());
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response;
    }

    private static void assertStatus(ApiResponse response, int status, String messagePart) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.json().get("message").asText()).contains(messagePart);
    }

    private static String unknownImage() {
        return UUID.randomUUID().toString();
    }

    static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    static Map<String, Object> remove(String path) {
        return Map.of("op", "remove", "path", path);
    }

    static byte[] bytes(int size, long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON text as a tree, for comparisons. */
    static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper();

        static JsonNode parse(String text) {
            try {
                return MAPPER.readTree(text);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
