package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.in.ImageList;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImagesHttpTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
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
        fx.images.calls.clear();
        fx.images.failure = null;
        fx.images.image = FakeImageService.sampleImage();
        fx.images.page = new ImageList(List.of(), null);
    }

    @Test
    void createAnswers201WithLocationAndTheImage() {
        HttpResponse<String> r = fx.send(
                "POST", "/v2/images", "{\"name\": \"cirros\", \"min_ram\": 5}", "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("location"))
                .hasValue("http://127.0.0.1:" + fx.server.port() + "/v2/images/" + ID);
        assertThat(ServerFixture.json(r).get("id").asText()).isEqualTo(ID);
        FakeImageService.Call call = fx.images.last();
        assertThat(call.method()).isEqualTo("create");
        assertThat(call.argument()).isEqualTo(Map.of("name", "cirros", "min_ram", 5));
    }

    @Test
    void imageJsonHasEveryFieldInGlanceOrderWithNullsAndGlanceTimestamps() {
        HttpResponse<String> r = fx.get("/v2/images/" + ID);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body())
                .isEqualTo("{\"name\":null,\"disk_format\":null,\"container_format\":null,"
                        + "\"visibility\":\"shared\",\"size\":null,\"virtual_size\":null,\"status\":\"queued\","
                        + "\"checksum\":null,\"protected\":false,\"min_ram\":0,\"min_disk\":0,\"owner\":\"p1\","
                        + "\"os_hidden\":false,\"os_hash_algo\":null,\"os_hash_value\":null,\"id\":\"" + ID + "\","
                        + "\"created_at\":\"2026-01-02T03:04:05Z\",\"updated_at\":\"2026-01-03T04:05:06Z\",\"tags\":[],"
                        + "\"self\":\"/v2/images/" + ID + "\",\"file\":\"/v2/images/" + ID + "/file\","
                        + "\"schema\":\"/v2/schemas/image\"}");
        assertThat(fx.images.last().imageId()).isEqualTo(ID);
    }

    @Test
    void fullImageShowsPropertiesAsTopLevelKeysAndHidesInternalOnes() {
        fx.images.image = FakeImageService.sampleImage().toBuilder()
                .name("ü-name")
                .status(ImageStatus.ACTIVE)
                .visibility(Visibility.PUBLIC)
                .isProtected(true)
                .osHidden(true)
                .checksum("c")
                .osHashAlgo("sha512")
                .osHashValue("h")
                .size(12L)
                .virtualSize(34L)
                .containerFormat("bare")
                .diskFormat("raw")
                .minDisk(1)
                .minRam(2)
                .tags(List.of("b", "a"))
                .property("hw_arch", "x86_64")
                .property("os_glance_stage_host", "http://secret")
                .build();
        Map<String, Object> m = ServerFixture.map(fx.get("/v2/images/" + ID));
        assertThat(m)
                .containsEntry("hw_arch", "x86_64")
                .doesNotContainKey("os_glance_stage_host")
                .containsEntry("name", "ü-name")
                .containsEntry("status", "active")
                .containsEntry("visibility", "public")
                .containsEntry("protected", true)
                .containsEntry("os_hidden", true)
                .containsEntry("size", 12)
                .containsEntry("virtual_size", 34)
                .containsEntry("container_format", "bare")
                .containsEntry("disk_format", "raw")
                .containsEntry("min_disk", 1)
                .containsEntry("min_ram", 2)
                .containsEntry("os_hash_algo", "sha512")
                .containsEntry("tags", List.of("b", "a"))
                .doesNotContainKeys("locations", "direct_url", "stores");
        assertThat(m.keySet()).startsWith("hw_arch", "name");
    }

    @Test
    void listKeepsQueryInFirstAndReplacesMarkerInNext() {
        Image other = FakeImageService.sampleImage().toBuilder()
                .id("22222222-2222-3333-4444-555555555555")
                .build();
        fx.images.page = new ImageList(List.of(FakeImageService.sampleImage(), other), other.id());
        HttpResponse<String> r = fx.get("/v2/images?limit=2&marker=old&name=a+b%2Fc&tag=x&tag=y&sort=name:asc");
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> m = ServerFixture.map(r);
        assertThat(m.keySet()).containsExactly("images", "first", "schema", "next");
        assertThat((List<?>) m.get("images")).hasSize(2);
        assertThat(m.get("first")).isEqualTo("/v2/images?limit=2&name=a+b%2Fc&tag=x&tag=y&sort=name%3Aasc");
        assertThat(m.get("schema")).isEqualTo("/v2/schemas/images");
        assertThat(m.get("next"))
                .isEqualTo("/v2/images?limit=2&name=a+b%2Fc&tag=x&tag=y&sort=name%3Aasc&marker=" + other.id());
        ListParameters p = (ListParameters) fx.images.last().argument();
        assertThat(p.values())
                .containsEntry("name", List.of("a b/c"))
                .containsEntry("tag", List.of("x", "y"))
                .containsEntry("marker", List.of("old"));
    }

    @Test
    void lastPageHasNoNextAndPlainFirst() {
        Map<String, Object> m = ServerFixture.map(fx.get("/v2/images"));
        assertThat(m)
                .containsEntry("images", List.of())
                .containsEntry("first", "/v2/images")
                .doesNotContainKey("next");
        assertThat(((ListParameters) fx.images.last().argument()).values()).isEmpty();
    }

    @Test
    void blankAndValuelessParametersAreKept() {
        fx.get("/v2/images?name=&os_hidden");
        ListParameters p = (ListParameters) fx.images.last().argument();
        assertThat(p.values()).containsEntry("name", List.of("")).containsEntry("os_hidden", List.of(""));
    }

    @Test
    void patchV21BecomesOperations() {
        HttpResponse<String> r = fx.send(
                "PATCH",
                "/v2/images/" + ID,
                "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"n\"},{\"op\":\"remove\",\"path\":\"/x\"},"
                        + "{\"op\":\"add\",\"path\":\"/y\",\"value\":null}]",
                "Content-Type",
                "application/openstack-images-v2.1-json-patch; charset=UTF-8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(r).get("id").asText()).isEqualTo(ID);
        assertThat(fx.images.last().argument())
                .isEqualTo(List.of(
                        new org.glance4j.ports.in.PatchOperation("replace", "/name", "n", true),
                        new org.glance4j.ports.in.PatchOperation("remove", "/x", null, false),
                        new org.glance4j.ports.in.PatchOperation("add", "/y", null, true)));
    }

    @Test
    void patchV20IsAcceptedAsGlanceMasterDoes() {
        HttpResponse<String> r = fx.send(
                "PATCH",
                "/v2/images/" + ID,
                "[{\"replace\":\"/name\",\"value\":\"n\"},{\"remove\":\"/x\"}]",
                "Content-Type",
                "application/openstack-images-v2.0-json-patch");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(fx.images.last().argument())
                .isEqualTo(List.of(
                        org.glance4j.ports.in.PatchOperation.replace("/name", "n"),
                        org.glance4j.ports.in.PatchOperation.remove("/x")));
        assertThat(fx.send(
                                "PATCH",
                                "/v2/images/" + ID,
                                "[{\"replace\":\"/a\",\"add\":\"/b\",\"value\":1}]",
                                "Content-Type",
                                "application/openstack-images-v2.0-json-patch")
                        .statusCode())
                .isEqualTo(400);
        assertThat(fx.send(
                                "PATCH",
                                "/v2/images/" + ID,
                                "[{\"value\":1}]",
                                "Content-Type",
                                "application/openstack-images-v2.0-json-patch")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void patchWithAnotherMediaTypeIs415WithAcceptPatch() {
        HttpResponse<String> r = fx.send(
                "PATCH", "/v2/images/" + ID, "[]", "Content-Type", "application/json", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headers().firstValue("accept-patch"))
                .hasValue("application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch");
        assertThat(ServerFixture.json(r).get("message").asText())
                .startsWith("Image PATCH expects Content-Type one of: ");
        assertThat(fx.send("PATCH", "/v2/images/" + ID, "[]").statusCode()).isEqualTo(415);
        assertThat(fx.images.calls).isEmpty();
    }

    @Test
    void patchBodyMustBeAnArrayOfOperationObjects() {
        String v21 = "application/openstack-images-v2.1-json-patch";
        assertThat(message(fx.send(
                        "PATCH",
                        "/v2/images/" + ID,
                        "{\"op\":\"add\"}",
                        "Content-Type",
                        v21,
                        "Accept",
                        "application/json")))
                .isEqualTo("Request body must be a JSON array of operation objects.");
        assertThat(message(
                        fx.send("PATCH", "/v2/images/" + ID, "[1]", "Content-Type", v21, "Accept", "application/json")))
                .isEqualTo("Operations must be JSON objects.");
        assertThat(message(fx.send(
                        "PATCH",
                        "/v2/images/" + ID,
                        "[{\"path\":\"/a\"}]",
                        "Content-Type",
                        v21,
                        "Accept",
                        "application/json")))
                .startsWith("Unable to find `op`");
        assertThat(message(fx.send(
                        "PATCH",
                        "/v2/images/" + ID,
                        "[{\"op\":\"add\"}]",
                        "Content-Type",
                        v21,
                        "Accept",
                        "application/json")))
                .isEqualTo("Unable to find 'path' in JSON Schema change");
        assertThat(fx.send("PATCH", "/v2/images/" + ID, "[{\"op\":\"add\",\"path\":5}]", "Content-Type", v21)
                        .statusCode())
                .isEqualTo(400);
        assertThat(fx.send("PATCH", "/v2/images/" + ID, "", "Content-Type", v21).statusCode())
                .isEqualTo(400);
        assertThat(fx.images.calls).isEmpty();
    }

    @Test
    void malformedBodiesAre400WithReason() {
        assertThat(message(post("{\"name\": "))).isEqualTo("Malformed JSON in request body.");
        assertThat(message(post("{} {}"))).isEqualTo("Malformed JSON in request body.");
        assertThat(message(post("{\"a\": NaN}"))).isEqualTo("Malformed JSON in request body.");
        assertThat(message(post("\"text\""))).isEqualTo("Unexpected body type. Expected list/dict.");
        assertThat(message(post("[]"))).isEqualTo("Request body must be a JSON object.");
        assertThat(message(post(""))).isEqualTo("Body expected in request.");
        assertThat(message(post("[".repeat(5000)))).startsWith("Malformed JSON in request body.");
        assertThat(fx.images.calls).isEmpty();
    }

    @Test
    void oversizedBodyIsRefusedBeforeTheService() {
        String big = "{\"a\":\"" + "x".repeat(ApiRequest.MAX_BODY_BYTES) + "\"}";
        HttpResponse<String> r = post(big);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(message(r)).contains("larger than the limit");
        assertThat(fx.images.calls).isEmpty();
    }

    @Test
    void aBodyOfSeveralMebibytesUnderTheLimitIsRead() {
        // Undertow 2.3.25 and later refuse bodies over 2 MiB unless told otherwise; the limit is glance4j's own.
        String value = "x".repeat(3 * 1024 * 1024);
        HttpResponse<String> r = post("{\"name\": \"big\", \"note\": \"" + value + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) fx.images.last().argument();
        assertThat(body.get("note")).isEqualTo(value);
    }

    @Test
    void largeNumbersDoNotOverflowAndDuplicateKeysKeepTheLast() {
        assertThat(post("{\"min_ram\": 99999999999999999999999, \"size\": 4294967296, \"name\": \"a\", "
                                + "\"name\": \"b\", \"f\": 1.5}")
                        .statusCode())
                .isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) fx.images.last().argument();
        assertThat(body.get("min_ram")).isEqualTo(new BigInteger("99999999999999999999999"));
        assertThat(body.get("size")).isEqualTo(4294967296L);
        assertThat(body.get("name")).isEqualTo("b");
        assertThat(body.get("f")).isEqualTo(1.5);
    }

    @Test
    void deleteAnswers204() {
        HttpResponse<String> r = fx.send("DELETE", "/v2/images/" + ID, null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(fx.images.last().method()).isEqualTo("delete");
        assertThat(fx.images.last().imageId()).isEqualTo(ID);
    }

    /**
     * A client that asks for {@code Connection: close} (tempest's HTTP client does, on every call) must be told that
     * the connection ends, also on an answer without a body: without the header it sends its next call on a socket
     * the server has closed and fails with "Remote end closed connection without response".
     */
    @Test
    void a204ToAClientThatAskedToCloseSaysConnectionCloseAndCloses() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream()
                    .write(("DELETE /v2/images/" + ID + " HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 204 ");
            assertThat(answer.toLowerCase()).contains("\r\nconnection: close\r\n");
        }
        assertThat(fx.images.last().method()).isEqualTo("delete");
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        in.transferTo(received); // returns when the server closes the connection
        return received.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void bodiesAreRejectedWhereNoneIsExpected() {
        assertThat(message(fx.send("DELETE", "/v2/images/" + ID, "{}", "Accept", "application/json")))
                .isEqualTo("A body is not expected with this request.");
        assertThat(fx.send("GET", "/v2/images/" + ID, "{}").statusCode()).isEqualTo(400);
        assertThat(fx.images.calls).isEmpty();
    }

    @Test
    void createWithAnyContentTypeIsParsedAsJsonLikeGlance() {
        assertThat(fx.send("POST", "/v2/images", "{}", "Content-Type", "text/plain")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void timestampsAreWholeSecondsUtc() {
        assertThat(GlanceTime.format(Instant.parse("2026-01-02T03:04:05.999999Z")))
                .isEqualTo("2026-01-02T03:04:05Z");
        assertThat(GlanceTime.format(Instant.parse("1999-12-31T23:59:59Z"))).isEqualTo("1999-12-31T23:59:59Z");
    }

    private static HttpResponse<String> post(String body) {
        return fx.send("POST", "/v2/images", body, "Content-Type", "application/json", "Accept", "application/json");
    }

    private static String message(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(400);
        return ServerFixture.json(r).get("message").asText();
    }
}
