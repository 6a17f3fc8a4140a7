package org.glance4j.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;
import static org.glance4j.core.CoreFixture.assertFails;

import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.junit.jupiter.api.Test;

/** The published schemas say what validation enforces. */
class SchemaServiceTest {

    private final CoreSettings settings =
            new CoreSettings(List.of("raw", "qcow2"), List.of("bare"), 25, 1000, 128, 128, Map.of());
    private final CoreFixture f = new CoreFixture(settings);

    @SuppressWarnings("unchecked")
    private Map<String, Object> property(String name) {
        return (Map<String, Object>)
                ((Map<String, Object>) f.core.schemas().imageSchema().get("properties")).get(name);
    }

    @Test
    void imageSchemaIsShapedLikeGlances() {
        Map<String, Object> schema = f.core.schemas().imageSchema();
        assertThat(schema).containsEntry("name", "image").containsKeys("properties", "links");
        assertThat(schema.get("additionalProperties")).isEqualTo(Map.of("type", "string"));
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        assertThat(properties)
                .containsKeys(
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
                        "kernel_id",
                        "ramdisk_id",
                        "os_distro",
                        "description");
        assertThat(property("status")).containsEntry("readOnly", true);
        assertThat(property("kernel_id")).containsEntry("is_base", false);
        assertThat(property("name")).doesNotContainKey("is_base");
    }

    @Test
    void formatsEnumsComeFromTheSettingsAndAreEnforced() {
        assertThat(property("disk_format").get("enum")).isEqualTo(java.util.Arrays.asList(null, "raw", "qcow2"));
        assertThat(property("container_format").get("enum")).isEqualTo(java.util.Arrays.asList(null, "bare"));
        assertFails(ErrorCategory.INVALID, () -> f.create(OWNER_MEMBER, "disk_format", "vmdk"));
        assertThat(f.create(OWNER_MEMBER, "disk_format", "qcow2").diskFormat()).isEqualTo("qcow2");
    }

    @Test
    void maxLengthsAndPatternsAreEnforced() {
        assertThat(property("name")).containsEntry("maxLength", 255);
        assertFails(ErrorCategory.INVALID, () -> f.create(OWNER_MEMBER, "name", "x".repeat(256)));
        @SuppressWarnings("unchecked")
        Map<String, Object> tagItems = (Map<String, Object>) property("tags").get("items");
        assertThat(tagItems).containsEntry("maxLength", 255).containsEntry("type", "string");
        assertThat(property("id")).containsEntry("pattern", ImageSchemaCatalog.UUID_PATTERN);
        assertFails(ErrorCategory.INVALID, () -> f.create(OWNER_MEMBER, "id", "1234"));
        assertThat(property("kernel_id")).containsEntry("type", List.of("null", "string"));
        assertFails(ErrorCategory.INVALID, () -> f.create(OWNER_MEMBER, "kernel_id", "not-a-uuid"));
        assertThat(property("cinder_encryption_key_deletion_policy").get("enum"))
                .isEqualTo(List.of("on_image_deletion", "do_not_delete"));
        assertFails(
                ErrorCategory.INVALID,
                () -> f.create(OWNER_MEMBER, "cinder_encryption_key_deletion_policy", "sometimes"));
    }

    @Test
    void everyDefinitionRendersAndValidatesConsistently() {
        ImageSchemaCatalog catalog = new ImageSchemaCatalog(settings);
        catalog.allDefined().forEach((name, def) -> {
            Map<String, Object> rendered = def.toSchema();
            Object type = rendered.get("type");
            List<?> types = type instanceof List<?> l ? l : List.of(type);
            assertThat(types).as(name).isEqualTo(def.types());
            assertThat(def.violation(null) == null).as(name + " accepts null").isEqualTo(types.contains("null"));
            assertThat(def.violation("text") == null
                            || !types.contains("string")
                            || def.pattern() != null
                            || def.allowed() != null)
                    .as(name + " accepts a string")
                    .isTrue();
        });
    }

    @Test
    void imagesSchemaWrapsTheImageSchema() {
        Map<String, Object> images = f.core.schemas().imagesSchema();
        assertThat(images).containsEntry("name", "images");
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) images.get("properties");
        @SuppressWarnings("unchecked")
        Map<String, Object> array = (Map<String, Object>) props.get("images");
        assertThat(array).containsEntry("type", "array");
        assertThat(array.get("items")).isEqualTo(f.core.schemas().imageSchema());
        assertThat(props).containsKeys("first", "next", "schema");
        assertThat((List<?>) images.get("links")).hasSize(3);
    }
}
