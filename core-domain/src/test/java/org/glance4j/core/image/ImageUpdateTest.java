package org.glance4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.*;
import static org.glance4j.ports.in.PatchOperation.add;
import static org.glance4j.ports.in.PatchOperation.remove;
import static org.glance4j.ports.in.PatchOperation.replace;

import java.util.List;
import org.glance4j.core.CoreFixture;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.in.PatchOperation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.Visibility;
import org.junit.jupiter.api.Test;

class ImageUpdateTest {

    private final CoreFixture f = new CoreFixture();
    private final Image image = f.create(OWNER_MEMBER, "name", "before", "color", "red", "tags", List.of("t1"));

    private Image patch(RequestContext who, PatchOperation... ops) {
        f.clock.tick();
        return f.core.images().update(who, image.id(), List.of(ops));
    }

    @Test
    void addReplaceAndRemoveBaseAndCustomProperties() {
        Image after = patch(
                OWNER_MEMBER,
                replace("/name", "after"),
                add("/size_hint", "big"),
                add("/color", "blue"),
                replace("/min_ram", 128),
                add("/protected", true),
                remove("/size_hint"),
                add("/tags", List.of("x", "y")));
        assertThat(after.name()).isEqualTo("after");
        assertThat(after.properties()).containsOnly(java.util.Map.entry("color", "blue"));
        assertThat(after.minRam()).isEqualTo(128);
        assertThat(after.isProtected()).isTrue();
        assertThat(after.tags()).containsExactly("x", "y");
        assertThat(after.updatedAt()).isAfter(image.updatedAt());
        assertThat(after.revision()).isEqualTo(image.revision() + 1);
        assertThat(f.core.images().get(OWNER_MEMBER, image.id())).isEqualTo(after);
    }

    @Test
    void missingCustomPropertiesConflict() {
        assertFails(
                ErrorCategory.CONFLICT,
                "Property nope does not exist.",
                () -> patch(OWNER_MEMBER, replace("/nope", "x")));
        assertFails(
                ErrorCategory.CONFLICT, "Property nope does not exist.", () -> patch(OWNER_MEMBER, remove("/nope")));
        assertFails(ErrorCategory.CONFLICT, () -> patch(OWNER_MEMBER, replace("/stores", "a")));
    }

    @Test
    void baseAttributesCannotBeRemoved() {
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Property name may not be removed.",
                () -> patch(OWNER_MEMBER, remove("/name")));
        assertFails(ErrorCategory.FORBIDDEN, () -> patch(OWNER_MEMBER, remove("/tags")));
    }

    @Test
    void readOnlyAndReservedPaths() {
        for (String path : List.of(
                "/status",
                "/id",
                "/checksum",
                "/size",
                "/virtual_size",
                "/created_at",
                "/updated_at",
                "/os_hash_algo",
                "/os_hash_value",
                "/direct_url",
                "/self",
                "/file",
                "/schema")) {
            assertFails(ErrorCategory.FORBIDDEN, "is read-only.", () -> patch(OWNER_MEMBER, replace(path, "x")));
        }
        for (String path : List.of("/deleted", "/location", "/deleted_at", "/os_glance_failed_import")) {
            assertFails(ErrorCategory.FORBIDDEN, "is reserved.", () -> patch(OWNER_MEMBER, add(path, "x")));
        }
    }

    @Test
    void malformedOperations() {
        assertFails(
                ErrorCategory.INVALID,
                "Invalid operation",
                () -> patch(OWNER_MEMBER, new PatchOperation("move", "/name", "x", true)));
        assertFails(
                ErrorCategory.INVALID,
                "requires a member named \"value\"",
                () -> patch(OWNER_MEMBER, new PatchOperation("replace", "/name", null, false)));
        assertFails(ErrorCategory.INVALID, "does not start with", () -> patch(OWNER_MEMBER, replace("name", "x")));
        assertFails(ErrorCategory.INVALID, "Invalid JSON pointer", () -> patch(OWNER_MEMBER, add("/tags/-", "x")));
        assertFails(ErrorCategory.INVALID, "adjacent", () -> patch(OWNER_MEMBER, add("/a//b", "x")));
        assertFails(ErrorCategory.INVALID, "~", () -> patch(OWNER_MEMBER, add("/a~2", "x")));
        assertFails(ErrorCategory.INVALID, () -> patch(OWNER_MEMBER, replace("/name", 5)));
        assertFails(ErrorCategory.INVALID, () -> patch(OWNER_MEMBER, replace("/protected", "yes")));
        assertFails(ErrorCategory.INVALID, () -> patch(OWNER_MEMBER, replace("/color", 5)));
        assertFails(ErrorCategory.INVALID, "negative", () -> patch(OWNER_MEMBER, replace("/min_disk", -5)));
        assertFails(ErrorCategory.INVALID, "4 byte", () -> patch(OWNER_MEMBER, replace("/name", "\uD83D\uDE00")));
        // an escaped pointer names a property with a slash
        assertThat(patch(OWNER_MEMBER, add("/a~1b", "x")).properties()).containsEntry("a/b", "x");
    }

    @Test
    void allOrNothing() {
        assertFails(ErrorCategory.CONFLICT, () -> patch(OWNER_MEMBER, replace("/name", "changed"), remove("/missing")));
        Image stored = f.images.find(image.id()).orElseThrow();
        assertThat(stored.name()).isEqualTo("before");
        assertThat(stored.revision()).isEqualTo(image.revision());
    }

    @Test
    void validationComesBeforePolicy() {
        assertFails(ErrorCategory.FORBIDDEN, "read-only", () -> patch(OWNER_READER, replace("/status", "active")));
        assertFails(ErrorCategory.INVALID, () -> patch(OWNER_READER, replace("/name", 1)));
        assertFails(ErrorCategory.FORBIDDEN, "modify_image", () -> patch(OWNER_READER, replace("/name", "x")));
    }

    @Test
    void personas() {
        assertThat(patch(ADMIN, replace("/name", "by-admin")).name()).isEqualTo("by-admin");
        assertThat(patch(OWNER_MEMBER, replace("/name", "by-member")).name()).isEqualTo("by-member");
        assertFails(ErrorCategory.FORBIDDEN, () -> patch(OWNER_READER, replace("/name", "x")));
        // images the caller cannot see are not found, shared or not
        assertFails(ErrorCategory.NOT_FOUND, () -> patch(OTHER_MEMBER, replace("/name", "x")));
        assertFails(ErrorCategory.NOT_FOUND, () -> patch(OTHER_READER, replace("/name", "x")));
        f.share(image, OTHER_PROJECT, MemberStatus.ACCEPTED);
        assertFails(ErrorCategory.FORBIDDEN, () -> patch(OTHER_MEMBER, replace("/name", "x")));
    }

    @Test
    void visibilityNeedsItsOwnRules() {
        assertFails(
                ErrorCategory.FORBIDDEN,
                "publicize_image",
                () -> patch(OWNER_MEMBER, replace("/visibility", "public")));
        assertThat(patch(OWNER_MEMBER, replace("/visibility", "community")).visibility())
                .isEqualTo(Visibility.COMMUNITY);
        assertThat(patch(ADMIN, replace("/visibility", "public")).visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(patch(OWNER_MEMBER, replace("/visibility", "private")).visibility())
                .isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void ownerChangesAreForAdminsOnly() {
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Owner can't be updated by non admin.",
                () -> patch(OWNER_MEMBER, replace("/owner", OTHER_PROJECT)));
        assertThat(patch(ADMIN, replace("/owner", OTHER_PROJECT)).owner()).isEqualTo(OTHER_PROJECT);
    }

    @Test
    void formatsChangeOnlyWhileQueued() {
        assertThat(patch(OWNER_MEMBER, replace("/disk_format", "raw"), add("/container_format", "bare"))
                        .diskFormat())
                .isEqualTo("raw");
        Image stored = f.images.find(image.id()).orElseThrow();
        f.images.update(stored.toBuilder().status(ImageStatus.ACTIVE).build());
        assertFails(
                ErrorCategory.FORBIDDEN,
                "can be only replaced for a queued image",
                () -> patch(OWNER_MEMBER, replace("/disk_format", "qcow2")));
        assertFails(ErrorCategory.FORBIDDEN, () -> patch(OWNER_MEMBER, replace("/container_format", "ovf")));
        assertThat(patch(OWNER_MEMBER, replace("/name", "still-editable")).name())
                .isEqualTo("still-editable");
    }

    @Test
    void locationsAreNotExposed() {
        assertFails(ErrorCategory.FORBIDDEN, "empty list", () -> patch(OWNER_MEMBER, replace("/locations", List.of())));
        assertFails(
                ErrorCategory.FORBIDDEN,
                () -> patch(
                        OWNER_MEMBER,
                        add("/locations/-", java.util.Map.of("url", "file:///x", "metadata", java.util.Map.of()))));
    }

    @Test
    void emptyPatchChangesNothing() {
        Image same = f.core.images().update(OWNER_MEMBER, image.id(), List.of());
        assertThat(same).isEqualTo(image);
    }

    @Test
    void propertyQuotaOnUpdate() {
        CoreFixture small = new CoreFixture(
                org.glance4j.core.settings.CoreSettings.defaults().withQuotas(1, 1));
        Image one = small.create(OWNER_MEMBER, "a", "1", "tags", List.of("t"));
        assertFails(
                ErrorCategory.TOO_LARGE,
                () -> small.core.images().update(OWNER_MEMBER, one.id(), List.of(add("/b", "2"))));
        assertFails(
                ErrorCategory.TOO_LARGE,
                () -> small.core.images().update(OWNER_MEMBER, one.id(), List.of(add("/tags", List.of("t", "u")))));
        assertThat(small.core
                        .images()
                        .update(OWNER_MEMBER, one.id(), List.of(replace("/a", "3")))
                        .properties())
                .containsEntry("a", "3");
    }

    @Test
    void updatedAtMovesEvenWithoutAClockTick() {
        Image first = f.core.images().update(OWNER_MEMBER, image.id(), List.of(replace("/name", "1")));
        Image second = f.core.images().update(OWNER_MEMBER, image.id(), List.of(replace("/name", "2")));
        assertThat(second.updatedAt()).isAfter(first.updatedAt());
    }

    @Test
    void nullForANullableCustomPropertyRemovesIt() {
        Image withKernel = patch(OWNER_MEMBER, add("/kernel_id", "11111111-2222-3333-4444-555555555555"));
        assertThat(withKernel.properties()).containsKey("kernel_id");
        assertThat(patch(OWNER_MEMBER, replace("/kernel_id", null)).properties())
                .doesNotContainKey("kernel_id");
    }
}
