package org.glance4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCreateTest {

    private final CoreFixture f = new CoreFixture();

    @Test
    void defaultsAreGlances() {
        Image image = f.create(OWNER_MEMBER);
        assertThat(image.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(image.visibility()).isEqualTo(Visibility.SHARED);
        assertThat(image.isProtected()).isFalse();
        assertThat(image.osHidden()).isFalse();
        assertThat(image.minDisk()).isZero();
        assertThat(image.minRam()).isZero();
        assertThat(image.owner()).isEqualTo(OWNER_PROJECT);
        assertThat(image.name()).isNull();
        assertThat(image.diskFormat()).isNull();
        assertThat(image.containerFormat()).isNull();
        assertThat(image.size()).isNull();
        assertThat(image.id()).matches("[0-9a-f-]{36}");
        assertThat(image.createdAt()).isEqualTo(image.updatedAt()).isEqualTo(f.clock.instant());
        assertThat(f.images.find(image.id())).contains(image);
    }

    @Test
    void everyWritableAttributeIsTaken() {
        Image image = f.create(
                OWNER_MEMBER,
                "id",
                "AAAAAAAA-1111-2222-3333-444444444444",
                "name",
                "cirros",
                "visibility",
                "private",
                "protected",
                true,
                "os_hidden",
                true,
                "min_disk",
                2,
                "min_ram",
                BigInteger.valueOf(512),
                "disk_format",
                "qcow2",
                "container_format",
                "bare",
                "tags",
                List.of("a", "b", "a"),
                "os_distro",
                "cirros",
                "hw_disk_bus",
                "virtio",
                "kernel_id",
                null);
        assertThat(image.id()).isEqualTo("AAAAAAAA-1111-2222-3333-444444444444");
        assertThat(image.name()).isEqualTo("cirros");
        assertThat(image.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(image.isProtected()).isTrue();
        assertThat(image.osHidden()).isTrue();
        assertThat(image.minDisk()).isEqualTo(2);
        assertThat(image.minRam()).isEqualTo(512);
        assertThat(image.diskFormat()).isEqualTo("qcow2");
        assertThat(image.containerFormat()).isEqualTo("bare");
        assertThat(image.tags()).containsExactly("a", "b");
        assertThat(image.properties())
                .containsOnly(Map.entry("os_distro", "cirros"), Map.entry("hw_disk_bus", "virtio"));
    }

    @Test
    void typesAreChecked() {
        assertFails(ErrorCategory.INVALID, "'name'", () -> f.create(OWNER_MEMBER, "name", 12));
        assertFails(ErrorCategory.INVALID, "'protected'", () -> f.create(OWNER_MEMBER, "protected", "true"));
        assertFails(ErrorCategory.INVALID, "'min_disk'", () -> f.create(OWNER_MEMBER, "min_disk", "1"));
        assertFails(ErrorCategory.INVALID, "'min_ram'", () -> f.create(OWNER_MEMBER, "min_ram", 1.5));
        assertFails(ErrorCategory.INVALID, "'visibility'", () -> f.create(OWNER_MEMBER, "visibility", "secret"));
        assertFails(ErrorCategory.INVALID, "'tags'", () -> f.create(OWNER_MEMBER, "tags", "a"));
        assertFails(ErrorCategory.INVALID, "'tags'", () -> f.create(OWNER_MEMBER, "tags", List.of(1)));
        assertFails(ErrorCategory.INVALID, "'color'", () -> f.create(OWNER_MEMBER, "color", 3));
        assertFails(ErrorCategory.INVALID, "'color'", () -> f.create(OWNER_MEMBER, "color", Map.of()));
        assertFails(ErrorCategory.INVALID, "'kernel_id'", () -> f.create(OWNER_MEMBER, "kernel_id", "nope"));
        assertFails(ErrorCategory.INVALID, "'disk_format'", () -> f.create(OWNER_MEMBER, "disk_format", "floppy"));
        assertFails(ErrorCategory.INVALID, "'id'", () -> f.create(OWNER_MEMBER, "id", "not-a-uuid"));
        assertFails(
                ErrorCategory.INVALID, "Body expected", () -> f.core.images().create(OWNER_MEMBER, null));
        assertFails(ErrorCategory.INVALID, "negative", () -> f.create(OWNER_MEMBER, "min_disk", -1));
        assertFails(ErrorCategory.INVALID, "too large", () -> f.create(OWNER_MEMBER, "min_ram", 1L << 40));
        assertThat(f.create(OWNER_MEMBER, "min_disk", 3.0).minDisk()).isEqualTo(3);
    }

    @Test
    void formatsComeFromTheSettings() {
        CoreSettings settings = new CoreSettings(List.of("raw"), List.of("bare"), 25, 1000, 128, 128, Map.of());
        CoreFixture custom = new CoreFixture(settings);
        assertThat(custom.create(OWNER_MEMBER, "disk_format", "raw").diskFormat())
                .isEqualTo("raw");
        assertFails(ErrorCategory.INVALID, () -> custom.create(OWNER_MEMBER, "disk_format", "qcow2"));
        assertThat(custom.create(OWNER_MEMBER, "container_format", null).containerFormat())
                .isNull();
    }

    @Test
    void lengthsAndCharacters() {
        String n255 = "n".repeat(255);
        assertThat(f.create(OWNER_MEMBER, "name", n255).name()).isEqualTo(n255);
        assertFails(ErrorCategory.INVALID, "too long", () -> f.create(OWNER_MEMBER, "name", n255 + "n"));
        assertFails(ErrorCategory.INVALID, () -> f.create(OWNER_MEMBER, "tags", List.of("t".repeat(256))));
        assertFails(ErrorCategory.INVALID, "255", () -> f.create(OWNER_MEMBER, "k".repeat(256), "v"));
        assertThat(f.create(OWNER_MEMBER, "k".repeat(255), "v").properties()).containsKey("k".repeat(255));
        assertThat(f.create(OWNER_MEMBER, "big", "v".repeat(60_000))
                        .properties()
                        .get("big"))
                .hasSize(60_000);
        assertFails(ErrorCategory.INVALID, "65535", () -> f.create(OWNER_MEMBER, "big", "v".repeat(65_536)));
        assertFails(ErrorCategory.INVALID, "4 byte", () -> f.create(OWNER_MEMBER, "name", "smile \uD83D\uDE00"));
        assertFails(ErrorCategory.INVALID, "4 byte", () -> f.create(OWNER_MEMBER, "note", "\uD83D\uDE00"));
        assertFails(ErrorCategory.INVALID, "4 byte", () -> f.create(OWNER_MEMBER, "\uD83D\uDE00", "x"));
        // 255 characters counted as characters, not UTF-16 units or bytes
        assertThat(f.create(OWNER_MEMBER, "name", "é".repeat(255)).name()).hasSize(255);
    }

    @Test
    void readOnlyAttributesAreForbiddenExceptTheHashes() {
        for (String key : List.of("status", "checksum", "size", "virtual_size", "created_at", "updated_at")) {
            Object value = key.contains("size") ? (Object) 1 : (Object) (key.equals("status") ? "queued" : "x");
            assertFails(
                    ErrorCategory.FORBIDDEN,
                    "Attribute '" + key + "' is read-only.",
                    () -> f.create(OWNER_MEMBER, key, value));
        }
        for (String key : List.of("direct_url", "self", "file", "schema", "stores")) {
            assertFails(
                    ErrorCategory.FORBIDDEN,
                    "Attribute '" + key + "' is read-only.",
                    () -> f.create(OWNER_MEMBER, key, "x"));
        }
        Image image = f.create(OWNER_MEMBER, "os_hash_algo", "sha512", "os_hash_value", "abc");
        assertThat(image.osHashAlgo()).isNull();
        assertThat(image.osHashValue()).isNull();
        assertThat(image.properties()).isEmpty();
    }

    @Test
    void reservedNamesAreForbidden() {
        for (String key :
                List.of("location", "deleted", "deleted_at", "os_glance_importing_to_stores", "os_glance_anything")) {
            assertFails(
                    ErrorCategory.FORBIDDEN,
                    "Attribute '" + key + "' is reserved.",
                    () -> f.create(OWNER_MEMBER, key, "x"));
        }
        assertFails(ErrorCategory.FORBIDDEN, "reserved", () -> f.create(OWNER_MEMBER, "locations", List.of()));
    }

    @Test
    void validationComesBeforePolicy() {
        assertFails(ErrorCategory.INVALID, () -> f.create(OWNER_READER, "name", 5));
        assertFails(ErrorCategory.FORBIDDEN, "add_image", () -> f.create(OWNER_READER, "name", "x"));
    }

    @Test
    void policyPerPersona() {
        assertThat(f.create(ADMIN, "owner", OTHER_PROJECT).owner()).isEqualTo(OTHER_PROJECT);
        assertThat(f.create(OWNER_MEMBER, "owner", OWNER_PROJECT).owner()).isEqualTo(OWNER_PROJECT);
        assertFails(
                ErrorCategory.FORBIDDEN, "owned by 'project-b'", () -> f.create(OWNER_MEMBER, "owner", OTHER_PROJECT));
        assertFails(ErrorCategory.FORBIDDEN, () -> f.create(OWNER_READER));
        assertFails(ErrorCategory.FORBIDDEN, () -> f.create(OTHER_READER));
        assertThat(f.create(OTHER_MEMBER).owner()).isEqualTo(OTHER_PROJECT);
        assertFails(ErrorCategory.FORBIDDEN, "publicize_image", () -> f.create(OWNER_MEMBER, "visibility", "public"));
        assertThat(f.create(ADMIN, "visibility", "public").visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(f.create(OWNER_MEMBER, "visibility", "community").visibility())
                .isEqualTo(Visibility.COMMUNITY);
    }

    @Test
    void policyComesBeforeReadOnlyChecks() {
        assertFails(ErrorCategory.FORBIDDEN, "add_image", () -> f.create(OWNER_READER, "status", "queued"));
    }

    @Test
    void idsAreNeverReused() {
        String id = "12345678-1234-1234-1234-123456789abc";
        Image image = f.create(OWNER_MEMBER, "id", id);
        assertFails(ErrorCategory.CONFLICT, "already exists", () -> f.create(OWNER_MEMBER, "id", id));
        f.core.images().delete(OWNER_MEMBER, image.id());
        assertFails(ErrorCategory.CONFLICT, () -> f.create(ADMIN, "id", id));
    }

    @Test
    void quotasAreTooLarge() {
        CoreFixture small = new CoreFixture(CoreSettings.defaults().withQuotas(2, 2));
        Map<String, Object> body = new HashMap<>(Map.of("a", "1", "b", "2"));
        assertThat(small.core.images().create(OWNER_MEMBER, body).properties()).hasSize(2);
        body.put("c", "3");
        assertFails(ErrorCategory.TOO_LARGE, () -> small.core.images().create(OWNER_MEMBER, body));
        assertThat(small.create(OWNER_MEMBER, "tags", List.of("x", "y")).tags()).hasSize(2);
        assertFails(ErrorCategory.TOO_LARGE, () -> small.create(OWNER_MEMBER, "tags", List.of("x", "y", "z")));
        CoreFixture unlimited = new CoreFixture(CoreSettings.defaults().withQuotas(-1, -1));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add("t" + i);
        }
        assertThat(unlimited.create(OWNER_MEMBER, "tags", many).tags()).hasSize(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"})
    void everyDefaultDiskFormatIsAccepted(String format) {
        assertThat(f.create(OWNER_MEMBER, "disk_format", format).diskFormat()).isEqualTo(format);
    }
}
