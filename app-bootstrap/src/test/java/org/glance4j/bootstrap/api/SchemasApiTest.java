package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v2/schemas/image} and {@code /v2/schemas/images}. */
class SchemasApiTest extends ApiTestSupport {

    private JsonNode schema(String path) {
        ApiResponse response = Api.as(people.readerA).get(path);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.mediaType()).isEqualTo("application/json");
        return response.json();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> enumOf(JsonNode property) {
        List<String> values = new ArrayList<>();
        property.get("enum").forEach(value -> values.add(value.isNull() ? null : value.asText()));
        return values;
    }

    @Test
    void theImageSchemaNamesEveryBaseAndWellKnownProperty() {
        JsonNode schema = schema("/v2/schemas/image");

        assertThat(schema.get("name").asText()).isEqualTo("image");
        assertThat(names(schema.get("properties")))
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
                        "owner",
                        "size",
                        "virtual_size",
                        "container_format",
                        "disk_format",
                        "created_at",
                        "updated_at",
                        "tags",
                        "direct_url",
                        "min_ram",
                        "min_disk",
                        "self",
                        "file",
                        "stores",
                        "schema",
                        "locations",
                        "architecture",
                        "cinder_encryption_key_deletion_policy",
                        "cinder_encryption_key_id",
                        "description",
                        "instance_uuid",
                        "kernel_id",
                        "os_distro",
                        "os_version",
                        "ramdisk_id");
    }

    @Test
    void customPropertiesMustBeStrings() {
        assertThat(schema("/v2/schemas/image")
                        .get("additionalProperties")
                        .get("type")
                        .asText())
                .isEqualTo("string");
    }

    @Test
    void formatEnumsListTheConfiguredFormatsAndNull() {
        JsonNode properties = schema("/v2/schemas/image").get("properties");

        assertThat(enumOf(properties.get("disk_format")))
                .containsExactly(
                        null, "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop");
        assertThat(enumOf(properties.get("container_format")))
                .containsExactly(null, "ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");
    }

    @Test
    void visibilityAndStatusAreEnums() {
        JsonNode properties = schema("/v2/schemas/image").get("properties");

        assertThat(enumOf(properties.get("visibility")))
                .containsExactlyInAnyOrder("public", "private", "shared", "community");
        assertThat(enumOf(properties.get("status")))
                .containsExactly(
                        "queued",
                        "saving",
                        "active",
                        "killed",
                        "deleted",
                        "uploading",
                        "importing",
                        "pending_delete",
                        "deactivated");
        assertThat(properties.get("status").get("readOnly").asBoolean()).isTrue();
    }

    @Test
    void keyPropertiesHaveGlancesTypesAndLimits() {
        JsonNode properties = schema("/v2/schemas/image").get("properties");

        assertThat(properties.get("name").get("maxLength").asInt()).isEqualTo(255);
        assertThat(Json.texts(properties.get("name").get("type"))).containsExactlyInAnyOrder("null", "string");
        assertThat(properties.get("id").get("pattern").asText()).contains("[0-9a-fA-F]");
        assertThat(properties.get("min_ram").get("type").asText()).isEqualTo("integer");
        assertThat(properties.get("protected").get("type").asText()).isEqualTo("boolean");
        assertThat(properties.get("os_hidden").get("type").asText()).isEqualTo("boolean");
        assertThat(properties.get("tags").get("type").asText()).isEqualTo("array");
        assertThat(properties.get("tags").get("items").get("maxLength").asInt()).isEqualTo(255);
        assertThat(properties.get("created_at").get("readOnly").asBoolean()).isTrue();
        assertThat(properties.get("self").get("readOnly").asBoolean()).isTrue();
    }

    @Test
    void theImageSchemaLinksToTheImageItsFileAndItsSchema() {
        JsonNode links = schema("/v2/schemas/image").get("links");

        assertThat(links.findValuesAsText("rel")).containsExactly("self", "enclosure", "describedby");
        assertThat(links.findValuesAsText("href")).containsExactly("{self}", "{file}", "{schema}");
    }

    @Test
    void theImagesSchemaWrapsTheImageSchema() {
        JsonNode schema = schema("/v2/schemas/images");
        JsonNode image = schema("/v2/schemas/image");

        assertThat(schema.get("name").asText()).isEqualTo("images");
        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrder("images", "first", "next", "schema");
        assertThat(schema.get("properties").get("images").get("type").asText()).isEqualTo("array");
        assertThat(schema.get("properties").get("images").get("items")).isEqualTo(image);
        assertThat(schema.get("links").findValuesAsText("rel")).containsExactly("first", "next", "describedby");
    }

    @Test
    void schemasNeedAnIdentityButNoRole() {
        assertThat(Api.as(people.anonymous).get("/v2/schemas/image").status()).isEqualTo(401);
        assertThat(Api.as(people.memberOnlyA).get("/v2/schemas/image").status()).isEqualTo(200);
    }
}
