package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.ADMIN;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;
import static org.glance4j.core.CoreFixture.assertFails;

import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.in.PatchOperation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/** Locations: the legacy PATCH of /locations, the add-location call and the service's list of locations. */
class LocationsTest {

    private static final RequestContext SERVICE =
            CoreFixture.context("glance", CoreFixture.OWNER_PROJECT, "member", "reader", "service");

    private final InMemoryImageStore main = new InMemoryImageStore("main");
    private final InMemoryImageStore web =
            new InMemoryImageStore("web", EnumSet.of(StoreCapability.READ, StoreCapability.READ_RANGE));
    private final byte[] bytes = GeneratedBytes.array(1234, 5);
    private final String webUrl = web.put("external-object", bytes).location();

    private final DataFixture f = new DataFixture(
            List.of(main, web),
            "main",
            Map.of(
                    "main", new StoreInfo("main", null, false, false, 1, "file", Map.of()),
                    "web", new StoreInfo("web", null, false, true, 5, "http", Map.of())),
            new LocationSettings(true, true));

    private Image patch(RequestContext who, Image image, PatchOperation... ops) {
        f.clock.tick();
        return f.core.images().update(who, image.id(), List.of(ops));
    }

    private static Map<String, Object> location(String url, Object... metadata) {
        return Map.of("url", url, "metadata", DataFixture.body(metadata));
    }

    @Test
    void addingALocationToAQueuedImageMakesItActiveWithTheSizeFoundThere() throws Exception {
        Image image = f.queued("raw", "bare");
        Image active = patch(OWNER_MEMBER, image, PatchOperation.add("/locations/-", location(webUrl, "k", "v")));
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isEqualTo(bytes.length);
        assertThat(active.locations())
                .containsExactly(new ImageLocation(webUrl, "web", Map.of("k", "v", "store", "web")));
        try (ImageDownload download = f.core.imageData().download(OWNER_MEMBER, image.id(), null)) {
            assertThat(download.body().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void addingAPositionCountsInWeightOrder() {
        Image image = f.upload(f.queued("raw", "bare"), bytes, null);
        String other = web.put("other", bytes).location();
        Image twice = patch(OWNER_MEMBER, image, PatchOperation.add("/locations/0", location(webUrl)));
        assertThat(f.core.locations().inPreferenceOrder(twice))
                .extracting(ImageLocation::url)
                .containsExactly(webUrl, image.locations().get(0).url());
        Image thrice = patch(OWNER_MEMBER, twice, PatchOperation.add("/locations/99", location(other)));
        assertThat(f.core.locations().inPreferenceOrder(thrice))
                .extracting(ImageLocation::url)
                .containsExactly(webUrl, other, image.locations().get(0).url());
    }

    @Test
    void locationsThatCannotBeUsedAreInvalid() {
        Image image = f.queued("raw", "bare");
        String empty = web.put("empty", new byte[0]).location();
        for (String url : List.of(
                "file:///etc/passwd",
                "filesystem:///etc/passwd",
                "swift+config://ref/c/o",
                "memory://web/missing",
                empty,
                "http://unknown.example/x",
                "not a url")) {
            assertFails(
                    ErrorCategory.INVALID,
                    "Invalid location",
                    () -> patch(OWNER_MEMBER, image, PatchOperation.add("/locations/-", location(url))));
        }
        assertFails(
                ErrorCategory.INVALID,
                "Invalid location",
                () -> patch(
                        OWNER_MEMBER, image, PatchOperation.add("/locations/-", location(webUrl, "store", "main"))));
        assertFails(
                ErrorCategory.INVALID,
                "'metadata' is a required property",
                () -> patch(OWNER_MEMBER, image, PatchOperation.add("/locations/-", Map.of("url", webUrl))));
        assertFails(
                ErrorCategory.INVALID,
                "Invalid position",
                () -> patch(OWNER_MEMBER, image, PatchOperation.add("/locations/x", location(webUrl))));
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(f.stored(image.id()).locations()).isEmpty();
    }

    @Test
    void aLocationIsNotAddedTwice() {
        Image image =
                patch(OWNER_MEMBER, f.queued("raw", "bare"), PatchOperation.add("/locations/-", location(webUrl)));
        assertFails(
                ErrorCategory.INVALID,
                "already exists",
                () -> patch(OWNER_MEMBER, image, PatchOperation.add("/locations/-", location(webUrl))));
    }

    @Test
    void locationChangesFollowThePolicies() {
        Image image = f.upload(f.queued("raw", "bare"), bytes, null);
        assertFails(
                ErrorCategory.FORBIDDEN,
                () -> patch(CoreFixture.OWNER_READER, image, PatchOperation.add("/locations/-", location(webUrl))));
        Image twice = patch(OWNER_MEMBER, image, PatchOperation.add("/locations/-", location(webUrl)));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "delete_image_location",
                () -> patch(OWNER_MEMBER, twice, PatchOperation.remove("/locations/0")));
    }

    @Test
    void removingALocationDeletesItsDataAndKeepsTheLast() {
        Image image = f.upload(f.queued("raw", "bare"), bytes, null);
        String mainUrl = image.locations().get(0).url();
        Image twice = patch(
                OWNER_MEMBER,
                image,
                PatchOperation.add(
                        "/locations/-", location(main.put("copy", bytes).location())));
        assertFails(
                ErrorCategory.INVALID,
                "Invalid position",
                () -> patch(ADMIN, twice, PatchOperation.remove("/locations/2")));
        Image once = patch(ADMIN, twice, PatchOperation.remove("/locations/0"));
        assertThat(once.locations()).hasSize(1);
        assertFails(ErrorCategory.NOT_FOUND, () -> main.size(mainUrl));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Cannot remove last location",
                () -> patch(ADMIN, once, PatchOperation.remove("/locations/0")));
    }

    @Test
    void removingFromAQueuedImageConflicts() {
        Image image = f.queued("raw", "bare");
        assertFails(
                ErrorCategory.CONFLICT,
                "if image status is queued",
                () -> patch(ADMIN, image, PatchOperation.remove("/locations/0")));
    }

    @Test
    void replaceSetsTheLocationsOfAnImageWithoutAnyAndOnlyMetadataLater() {
        Image image = f.queued("raw", "bare");
        Image active = patch(OWNER_MEMBER, image, PatchOperation.replace("/locations", List.of(location(webUrl))));
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        Image relabelled = patch(
                OWNER_MEMBER, active, PatchOperation.replace("/locations", List.of(location(webUrl, "label", "x"))));
        assertThat(relabelled.locations().get(0).metadata()).containsEntry("label", "x");
        String other = web.put("other", bytes).location();
        assertFails(
                ErrorCategory.INVALID,
                "Original locations is not empty",
                () -> patch(OWNER_MEMBER, relabelled, PatchOperation.replace("/locations", List.of(location(other)))));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Cannot set locations to empty list",
                () -> patch(OWNER_MEMBER, relabelled, PatchOperation.replace("/locations", List.of())));
    }

    @Test
    void validationDataSetsTheHashesOfAQueuedImage() throws Exception {
        String sha = hex("SHA-512", bytes);
        String md5 = hex("MD5", bytes);
        Map<String, Object> withData = Map.of(
                "url",
                webUrl,
                "metadata",
                Map.of(),
                "validation_data",
                Map.of("checksum", md5, "os_hash_algo", "sha512", "os_hash_value", sha));
        Image active = patch(OWNER_MEMBER, f.queued("raw", "bare"), PatchOperation.add("/locations/-", withData));
        assertThat(active.checksum()).isEqualTo(md5);
        assertThat(active.osHashValue()).isEqualTo(sha);
        Map<String, Object> wrongAlgo = Map.of(
                "url",
                webUrl,
                "metadata",
                Map.of(),
                "validation_data",
                Map.of("os_hash_algo", "sha256", "os_hash_value", hex("SHA-256", bytes)));
        assertFails(
                ErrorCategory.CONFLICT,
                "os_hash_algo must be sha512",
                () -> patch(OWNER_MEMBER, f.queued("raw", "bare"), PatchOperation.add("/locations/-", wrongAlgo)));
        Image uploaded = f.upload(f.queued("raw", "bare"), GeneratedBytes.array(10, 1), null);
        assertFails(
                ErrorCategory.CONFLICT,
                "already set with a different value",
                () -> patch(OWNER_MEMBER, uploaded, PatchOperation.add("/locations/-", withData)));
    }

    @Test
    void hiddenLocationsCannotBeChanged() {
        DataFixture hidden = new DataFixture(List.of(main, web), "main", Map.of(), LocationSettings.defaults());
        Image image = hidden.queued("raw", "bare");
        assertFails(
                ErrorCategory.FORBIDDEN,
                "locations are invisible",
                () -> hidden.core
                        .images()
                        .update(
                                OWNER_MEMBER,
                                image.id(),
                                List.of(PatchOperation.add("/locations/-", location(webUrl)))));
        assertThat(hidden.core.locations().showsLocations()).isFalse();
        assertThat(hidden.core.locations().showsDirectUrl()).isFalse();
    }

    // ---- add-location (API 2.17)

    @Test
    void theServiceAddsALocationWithValidationData() throws Exception {
        Image image = f.queued("raw", "bare");
        String sha256 = hex("SHA-256", bytes);
        Image active = f.core.locations()
                .addLocation(
                        SERVICE,
                        image.id(),
                        Map.of(
                                "url",
                                webUrl,
                                "validation_data",
                                Map.of("os_hash_algo", "sha256", "os_hash_value", sha256)));
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.osHashAlgo()).isEqualTo("sha256");
        assertThat(active.osHashValue()).isEqualTo(sha256);
        assertThat(active.checksum()).isEqualTo(hex("MD5", bytes));
        assertThat(active.size()).isEqualTo(bytes.length);
        assertFails(
                ErrorCategory.CONFLICT,
                "if image status is active",
                () -> f.core.locations().addLocation(SERVICE, image.id(), Map.of("url", webUrl)));
    }

    @Test
    void addLocationRefusals() {
        Image image = f.queued("raw", "bare");
        assertFails(
                ErrorCategory.INVALID,
                "'url' is a required property",
                () -> f.core.locations().addLocation(SERVICE, image.id(), Map.of()));
        assertFails(
                ErrorCategory.INVALID,
                "was unexpected",
                () -> f.core.locations().addLocation(SERVICE, image.id(), Map.of("url", webUrl, "x", 1)));
        assertFails(
                ErrorCategory.INVALID,
                () -> f.core.locations()
                        .addLocation(
                                SERVICE,
                                image.id(),
                                Map.of("url", webUrl, "validation_data", Map.of("os_hash_algo", "sha256"))));
        assertFails(
                ErrorCategory.INVALID,
                "not a valid hexadecimal",
                () -> f.core.locations()
                        .addLocation(
                                SERVICE,
                                image.id(),
                                Map.of(
                                        "url",
                                        webUrl,
                                        "validation_data",
                                        Map.of("os_hash_algo", "md5", "os_hash_value", "zz"))));
        assertFails(
                ErrorCategory.INVALID,
                "not matched",
                () -> f.core.locations()
                        .addLocation(
                                SERVICE,
                                image.id(),
                                Map.of(
                                        "url",
                                        webUrl,
                                        "validation_data",
                                        Map.of(
                                                "os_hash_algo",
                                                "md5",
                                                "os_hash_value",
                                                "00000000000000000000000000000000"))));
        assertFails(
                ErrorCategory.INVALID,
                "Invalid location",
                () -> f.core.locations().addLocation(SERVICE, image.id(), Map.of("url", "file:///etc/passwd")));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "http store must be enabled",
                () -> f.core.locations().addLocation(OWNER_MEMBER, image.id(), Map.of("url", webUrl)));
        assertFails(
                ErrorCategory.NOT_FOUND, () -> f.core.locations().addLocation(SERVICE, "nope", Map.of("url", webUrl)));
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void onlyTheServiceListsLocations() {
        Image image = f.upload(f.queued("raw", "bare"), bytes, null);
        assertThat(f.core.locations().locations(SERVICE, image.id())).isEqualTo(image.locations());
        assertFails(ErrorCategory.FORBIDDEN, () -> f.core.locations().locations(OWNER_MEMBER, image.id()));
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
