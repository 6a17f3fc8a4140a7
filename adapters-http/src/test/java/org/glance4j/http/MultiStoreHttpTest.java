package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.model.ImageLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The multi-store routes and the image view with locations shown, over fakes. */
class MultiStoreHttpTest {

    private final FakeImageService images = new FakeImageService();
    private final FakeStoreServices stores = new FakeStoreServices();
    private final FakeImageDataService data = new FakeImageDataService();
    private final GlanceHttpServer server = new GlanceHttpServer(
            new HttpSettings("127.0.0.1", 0, AuthMode.NOAUTH, "p", "u", 1, 4),
            new ApiServices(
                    images,
                    new FakeTagService(),
                    new FakeSchemaService(),
                    data,
                    new FakeActionService(),
                    stores,
                    stores,
                    new FakeMemberService(),
                    null,
                    null,
                    null));
    private final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();

    MultiStoreHttpTest() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) {
        String base = "http://127.0.0.1:" + server.port();
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                    .method(
                            method,
                            body == null
                                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                    : java.net.http.HttpRequest.BodyPublishers.ofString(body));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void storesListWritesFlagsAsStringsAndLeavesOutEmptyDescriptions() {
        HttpResponse<String> r = send("GET", "/v2/info/stores", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo("{\"stores\":[{\"id\":\"fast\",\"description\":\"SSD\",\"default\":\"true\"},"
                        + "{\"id\":\"web\",\"read-only\":\"true\"}]}");
    }

    @Test
    void storesDetailAddsTypePropertiesAndWeight() {
        HttpResponse<String> r = send("GET", "/v2/info/stores/detail", null);
        JsonNode fast = ServerFixture.json(r).get("stores").get(0);
        assertThat(fast.get("type").asText()).isEqualTo("file");
        assertThat(fast.get("properties").get("data_dir").asText()).isEqualTo("/ssd");
        assertThat(fast.get("weight").isInt()).isTrue();
        assertThat(fast.get("weight").asInt()).isEqualTo(100);
        assertThat(send("DELETE", "/v2/info/stores/detail", null).statusCode()).isEqualTo(405);
    }

    @Test
    void imagesShowLocationsDirectUrlAndStoresInTheServicesOrder() {
        images.image = FakeImageService.sampleImage().toBuilder()
                .locations(List.of(
                        new ImageLocation("file:///a", "fast", Map.of("store", "fast")),
                        new ImageLocation("http://b", "web", Map.of("store", "web"))))
                .build();
        HttpResponse<String> r = send("GET", "/v2/images/x", null);
        JsonNode image = ServerFixture.json(r);
        assertThat(image.get("direct_url").asText()).isEqualTo("http://b");
        assertThat(image.get("stores").asText()).isEqualTo("web,fast");
        assertThat(image.get("locations").get(0).get("url").asText()).isEqualTo("http://b");
        assertThat(image.get("locations").get(1).get("metadata").get("store").asText())
                .isEqualTo("fast");
        List<String> keys = new ArrayList<>();
        image.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.indexOf("locations")).isLessThan(keys.indexOf("direct_url"));
        assertThat(keys.indexOf("direct_url")).isLessThan(keys.indexOf("tags"));
        assertThat(keys.get(keys.size() - 1)).isEqualTo("stores");
    }

    @Test
    void anImageWithoutDataShowsAnEmptyLocationListOnly() {
        JsonNode image = ServerFixture.json(send("GET", "/v2/images/x", null));
        assertThat(image.get("locations").isArray()).isTrue();
        assertThat(image.get("locations")).isEmpty();
        assertThat(image.has("direct_url")).isFalse();
        assertThat(image.has("stores")).isFalse();
    }

    @Test
    void createAnswersTheStoreIds() {
        HttpResponse<String> r = send("POST", "/v2/images", "{}", "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("OpenStack-image-store-ids")).hasValue("fast,web");
    }

    @Test
    void theUploadPassesTheStoreHeader() {
        HttpResponse<String> r = send(
                "PUT",
                "/v2/images/x/file",
                "abc",
                "Content-Type",
                "application/octet-stream",
                "X-Image-Meta-Store",
                "web");
        assertThat(r.statusCode()).isEqualTo(204);
        send("PUT", "/v2/images/x/file", "abc", "Content-Type", "application/octet-stream");
        assertThat(data.uploadStores).containsExactly("web", null);
    }

    @Test
    void deleteFromStoreAndTheLocationsCalls() {
        assertThat(send("DELETE", "/v2/stores/web/img-1", null).statusCode()).isEqualTo(204);
        assertThat(stores.calls).contains(new FakeStoreServices.Call("deleteFromStore", "web", "img-1", null));
        HttpResponse<String> get = send("GET", "/v2/stores/web/img-1", null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("DELETE");

        HttpResponse<String> added = send(
                "POST", "/v2/images/img-2/locations", "{\"url\": \"http://x\"}", "Content-Type", "application/json");
        assertThat(added.statusCode()).isEqualTo(202);
        assertThat(added.body()).isEmpty();
        assertThat(stores.calls)
                .contains(new FakeStoreServices.Call("addLocation", "img-2", null, Map.of("url", "http://x")));

        stores.listed = List.of(new ImageLocation("http://x", "web", Map.of("store", "web")));
        HttpResponse<String> listed = send("GET", "/v2/images/img-2/locations", null);
        assertThat(listed.body()).isEqualTo("[{\"url\":\"http://x\",\"metadata\":{\"store\":\"web\"}}]");
        assertThat(send("PUT", "/v2/images/img-2/locations", "{}", "Content-Type", "application/json")
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    void theMultiStoreVersionsAreAccepted() {
        assertThat(send("GET", "/v2.13/images", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v2.8/images", null).statusCode()).isEqualTo(200);
        JsonNode versions = ServerFixture.json(send("GET", "/versions", null)).get("versions");
        assertThat(versions).hasSize(16);
        assertThat(versions.findValuesAsText("id"))
                .containsExactly(
                        "v2.17", "v2.15", "v2.13", "v2.12", "v2.11", "v2.10", "v2.9", "v2.8", "v2.7", "v2.6", "v2.5",
                        "v2.4", "v2.3", "v2.2", "v2.1", "v2.0");
        assertThat(versions.get(0).get("status").asText()).isEqualTo("CURRENT");
    }
}
