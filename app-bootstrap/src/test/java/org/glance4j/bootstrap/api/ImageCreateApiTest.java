package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v2/images}: defaults, types, custom properties, ids and every refusal. */
class ImageCreateApiTest extends ApiTestSupport {

    @Test
    void createAnswers201WithLocationAndTheImage() {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body("name", "cirros"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.mediaType()).isEqualTo("application/json");
        String id = response.json().get("id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(response.header("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/v2/images/" + id));
    }

    @Test
    void anEmptyBodyGetsEveryBasePropertyWithItsDefault() {
        JsonNode image = create(people.memberA, Map.of());
        String id = image.get("id").asText();

        assertThat(image.get("name").isNull()).isTrue();
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("visibility").asText()).isEqualTo("shared");
        assertThat(image.get("protected").isBoolean()).isTrue();
        assertThat(image.get("protected").asBoolean()).isFalse();
        assertThat(image.get("os_hidden").isBoolean()).isTrue();
        assertThat(image.get("os_hidden").asBoolean()).isFalse();
        assertThat(image.get("checksum").isNull()).isTrue();
        assertThat(image.get("os_hash_algo").isNull()).isTrue();
        assertThat(image.get("os_hash_value").isNull()).isTrue();
        assertThat(image.get("size").isNull()).isTrue();
        assertThat(image.get("virtual_size").isNull()).isTrue();
        assertThat(image.get("disk_format").isNull()).isTrue();
        assertThat(image.get("container_format").isNull()).isTrue();
        assertThat(image.get("min_disk").isInt()).isTrue();
        assertThat(image.get("min_disk").asInt()).isZero();
        assertThat(image.get("min_ram").isInt()).isTrue();
        assertThat(image.get("min_ram").asInt()).isZero();
        assertThat(image.get("owner").asText()).isEqualTo(people.projectA);
        assertThat(image.get("tags").isArray()).isTrue();
        assertThat(image.get("tags")).isEmpty();
        assertThat(image.get("self").asText()).isEqualTo("/v2/images/" + id);
        assertThat(image.get("file").asText()).isEqualTo("/v2/images/" + id + "/file");
        assertThat(image.get("schema").asText()).isEqualTo("/v2/schemas/image");
        assertThat(image.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(image.get("updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(OffsetDateTime.parse(image.get("updated_at").asText()))
                .isAfterOrEqualTo(OffsetDateTime.parse(image.get("created_at").asText()));
    }

    @Test
    void aNewImageHasExactlyGlancesFieldsAndNothingInternal() {
        JsonNode image = create(people.memberA, Map.of());

        List<String> fields = new java.util.ArrayList<>();
        image.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactlyInAnyOrder(
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
                        "schema");
    }

    @Test
    void everyWritableBasePropertyIsStoredAsGiven() {
        JsonNode image = create(
                people.memberA,
                body(
                        "name",
                        "full",
                        "visibility",
                        "private",
                        "protected",
                        true,
                        "os_hidden",
                        true,
                        "min_disk",
                        5,
                        "min_ram",
                        256,
                        "disk_format",
                        "qcow2",
                        "container_format",
                        "bare",
                        "tags",
                        List.of("one", "two")));

        assertThat(image.get("name").asText()).isEqualTo("full");
        assertThat(image.get("visibility").asText()).isEqualTo("private");
        assertThat(image.get("protected").asBoolean()).isTrue();
        assertThat(image.get("os_hidden").asBoolean()).isTrue();
        assertThat(image.get("min_disk").asInt()).isEqualTo(5);
        assertThat(image.get("min_ram").asInt()).isEqualTo(256);
        assertThat(image.get("disk_format").asText()).isEqualTo("qcow2");
        assertThat(image.get("container_format").asText()).isEqualTo("bare");
        assertThat(Json.texts(image.get("tags"))).containsExactlyInAnyOrder("one", "two");

        JsonNode shown = show(people.memberA, image.get("id").asText());
        assertThat(shown.get("min_ram").asInt()).isEqualTo(256);
        assertThat(shown.get("protected").asBoolean()).isTrue();
        // unprotect, so that the image can be cleaned up
        Api.as(people.memberA)
                .patch("/v2/images/" + image.get("id").asText(), List.of(op("replace", "/protected", false)));
    }

    @Test
    void customStringPropertiesAreTopLevelKeys() {
        JsonNode image = create(people.memberA, body("name", "custom", "hw_disk_bus", "virtio", "os_distro", "ubuntu"));

        assertThat(image.get("hw_disk_bus").asText()).isEqualTo("virtio");
        assertThat(image.get("os_distro").asText()).isEqualTo("ubuntu");
        assertThat(image.has("properties")).isFalse();
        JsonNode shown = show(people.readerA, image.get("id").asText());
        assertThat(shown.get("hw_disk_bus").asText()).isEqualTo("virtio");
    }

    @Test
    void aSixtyKilobytePropertyValueIsAccepted() {
        String big = "x".repeat(60 * 1024);

        JsonNode image = create(people.memberA, body("name", "big", "big_value", big));

        assertThat(image.get("big_value").asText()).isEqualTo(big);
    }

    @Test
    void theClientMayChooseTheId() {
        String id = UUID.randomUUID().toString();

        JsonNode image = create(people.memberA, body("id", id, "name", "chosen"));

        assertThat(image.get("id").asText()).isEqualTo(id);
        assertThat(show(people.memberA, id).get("name").asText()).isEqualTo("chosen");
    }

    @Test
    void aDuplicateIdIsConflict() {
        String id = UUID.randomUUID().toString();
        create(people.memberA, body("id", id));

        assertThat(Api.as(people.memberA).post("/v2/images", body("id", id)).status())
                .isEqualTo(409);
        assertThat(Api.as(people.memberB).post("/v2/images", body("id", id)).status())
                .isEqualTo(409);
    }

    @Test
    void aDeletedImagesIdCanNeverBeUsedAgain() {
        String id = UUID.randomUUID().toString();
        create(people.memberA, body("id", id));
        assertThat(Api.as(people.memberA).delete("/v2/images/" + id).status()).isEqualTo(204);

        assertThat(Api.as(people.memberA).post("/v2/images", body("id", id)).status())
                .isEqualTo(409);
        assertThat(Api.as(people.adminA).post("/v2/images", body("id", id)).status())
                .isEqualTo(409);
    }

    @Test
    void anIdThatIsNotAUuidIsRefused() {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body("id", "not-a-uuid"));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    static Stream<Arguments> readOnlyAttributes() {
        return Stream.of(
                Arguments.of("created_at", "2020-01-01T00:00:00Z"),
                Arguments.of("updated_at", "2020-01-01T00:00:00Z"),
                Arguments.of("status", "queued"),
                Arguments.of("checksum", "abc"),
                Arguments.of("size", 1),
                Arguments.of("virtual_size", 1),
                Arguments.of("direct_url", "file:///x"),
                Arguments.of("self", "/v2/images/x"),
                Arguments.of("file", "/v2/images/x/file"),
                Arguments.of("schema", "/v2/schemas/image"),
                Arguments.of("stores", "fast"),
                Arguments.of("locations", List.of()));
    }

    /** A well-typed value for a read-only attribute is 403 (a badly typed one fails the schema first: 400). */
    @ParameterizedTest
    @MethodSource("readOnlyAttributes")
    void readOnlyAttributesAreForbidden(String attribute, Object value) {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body("name", "ro", attribute, value));

        assertThat(response.status()).as("%s", response).isEqualTo(403);
    }

    @Test
    void aBadlyTypedReadOnlyAttributeFailsTheSchemaFirst() {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body("status", "nonsense"));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    @Test
    void hashAttributesAreDroppedSilently() {
        JsonNode image = create(people.memberA, body("name", "hash", "os_hash_algo", "sha512", "os_hash_value", "abc"));

        assertThat(image.get("os_hash_algo").isNull()).isTrue();
        assertThat(image.get("os_hash_value").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"location", "deleted", "deleted_at"})
    void reservedAttributesAreForbidden(String attribute) {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body(attribute, "x"));

        assertThat(response.status()).as("%s", response).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"os_glance_import_task", "os_glance_anything", "os_glance_failed_import"})
    void theReservedNamespaceIsForbidden(String attribute) {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body(attribute, "x"));

        assertThat(response.status()).as("%s", response).isEqualTo(403);
    }

    static Stream<Arguments> badTypes() {
        return Stream.of(
                Arguments.of("name", 5),
                Arguments.of("name", List.of("a")),
                Arguments.of("visibility", "everyone"),
                Arguments.of("protected", "yes"),
                Arguments.of("os_hidden", 1),
                Arguments.of("min_disk", "5"),
                Arguments.of("min_disk", -1),
                Arguments.of("min_ram", 1.5),
                Arguments.of("min_ram", -1),
                Arguments.of("tags", "one"),
                Arguments.of("tags", List.of(1)),
                Arguments.of("disk_format", "floppy"),
                Arguments.of("container_format", "crate"),
                Arguments.of("disk_format", 7),
                Arguments.of("custom_number", 5),
                Arguments.of("custom_list", List.of("a")),
                Arguments.of("custom_object", Map.of("a", "b")),
                Arguments.of("custom_bool", true));
    }

    @ParameterizedTest
    @MethodSource("badTypes")
    void badTypesAndValuesAreBadRequests(String key, Object value) {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body("name", "bad", key, value));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    @Test
    void nullIsAcceptedForNullableBaseProperties() {
        JsonNode image = create(people.memberA, body("name", null, "disk_format", null, "container_format", null));

        assertThat(image.get("name").isNull()).isTrue();
        assertThat(image.get("disk_format").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tags", "protected", "visibility", "os_hidden", "min_ram", "min_disk"})
    void nullIsBadRequestForPropertiesThatCannotBeNull(String key) {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body(key, null));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    @Test
    void duplicateTagsCollapse() {
        assertThat(Json.texts(create(people.memberA, body("tags", List.of("a", "a", "b")))
                        .get("tags")))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void thePropertyQuotaIs128() {
        Map<String, Object> quota = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 128; i++) {
            quota.put("p" + i, "v");
        }
        assertThat(create(people.memberA, quota).get("p127").asText()).isEqualTo("v");

        quota.put("one_too_many", "v");
        ApiResponse response = Api.as(people.memberA).post("/v2/images", quota);

        assertThat(response.status()).as("%s", response).isEqualTo(413);
    }

    @Test
    void namesTagsAndKeysUpTo255CharactersAreAccepted() {
        String limit = "n".repeat(255);

        JsonNode image = create(people.memberA, body("name", limit, "tags", List.of(limit), limit, "v"));

        assertThat(image.get("name").asText()).isEqualTo(limit);
        assertThat(image.get(limit).asText()).isEqualTo("v");
    }

    @Test
    void aNameOver255CharactersIsBadRequest() {
        assertThat(Api.as(people.memberA)
                        .post("/v2/images", body("name", "n".repeat(256)))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aTagOver255CharactersIsBadRequest() {
        assertThat(Api.as(people.memberA)
                        .post("/v2/images", body("tags", List.of("t".repeat(256))))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aPropertyKeyOver255CharactersIsBadRequest() {
        assertThat(Api.as(people.memberA)
                        .post("/v2/images", body("k".repeat(256), "v"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aFourByteUtf8CharacterInTheNameIsBadRequest() {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body("name", "smile \uD83D\uDE00"));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    @Test
    void fourByteUtf8CharactersInTagsPropertyKeysAndValuesAreBadRequests() {
        String emoji = "\uD83D\uDE00";

        assertThat(Api.as(people.memberA)
                        .post("/v2/images", body("tags", List.of(emoji)))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.memberA)
                        .post("/v2/images", body("mood", emoji))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.memberA).post("/v2/images", body(emoji, "x")).status())
                .isEqualTo(400);
    }

    @Test
    void validationComesBeforePolicy() {
        ApiResponse invalid = Api.as(people.readerA).post("/v2/images", body("min_ram", "lots"));
        ApiResponse malformed = Api.as(people.readerA).post("/v2/images", "{");

        assertThat(invalid.status()).as("%s", invalid).isEqualTo(400);
        assertThat(malformed.status()).as("%s", malformed).isEqualTo(400);
        assertThat(Api.as(people.anonymous).post("/v2/images", "{").status()).isEqualTo(401);
    }

    @Test
    void threeByteUtf8CharactersAreFine() {
        JsonNode image = create(people.memberA, body("name", "\u00e9t\u00e9 \u20ac \u65e5\u672c"));

        assertThat(image.get("name").asText()).isEqualTo("\u00e9t\u00e9 \u20ac \u65e5\u672c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"})
    void everyDefaultDiskFormatIsAccepted(String format) {
        assertThat(create(people.memberA, body("disk_format", format))
                        .get("disk_format")
                        .asText())
                .isEqualTo(format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"})
    void everyDefaultContainerFormatIsAccepted(String format) {
        assertThat(create(people.memberA, body("container_format", format))
                        .get("container_format")
                        .asText())
                .isEqualTo(format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "{\"name\": }", ""})
    void malformedJsonIsBadRequest(String text) {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", text);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"name\"", "42", "null", "true"})
    void aBodyThatIsNotAnObjectIsBadRequest(String text) {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", text);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    /**
     * Glance answers 500 for an array body: glance/api/v2/images.py:1305 (RequestDeserializer.create) calls
     * {@code properties.pop('tags', [])} on the list after the schema (which has no top-level type) let it pass.
     */
    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"name\": \"x\"}]"})
    @Tag(GLANCE_BUG)
    void anArrayBodyIsBadRequestNotAServerError(String text) {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", text);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
    }

    @Test
    void ownerMayBeTheCallersOwnProject() {
        JsonNode image = create(people.memberA, body("owner", people.projectA));

        assertThat(image.get("owner").asText()).isEqualTo(people.projectA);
    }

    @Test
    void aMemberMayNotCreateForAnotherProject() {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body("owner", people.projectB));

        assertThat(response.status()).as("%s", response).isEqualTo(403);
    }

    @Test
    void anAdminMayCreateForAnotherProject() {
        JsonNode image = create(people.adminA, body("owner", people.projectB, "visibility", "private"));

        assertThat(image.get("owner").asText()).isEqualTo(people.projectB);
        assertThat(show(people.readerB, image.get("id").asText()).get("owner").asText())
                .isEqualTo(people.projectB);
    }

    @Test
    void aRefusedCreateWritesNothing() {
        String id = UUID.randomUUID().toString();
        assertThat(Api.as(people.memberA)
                        .post("/v2/images", body("id", id, "min_ram", "lots"))
                        .status())
                .isEqualTo(400);
        assertThat(Api.as(people.memberA)
                        .post("/v2/images", body("id", id, "deleted", "x"))
                        .status())
                .isEqualTo(403);

        assertThat(Api.as(people.adminA).get("/v2/images/" + id).status()).isEqualTo(404);
        assertThat(create(people.memberA, body("id", id)).get("id").asText()).isEqualTo(id);
    }
}
