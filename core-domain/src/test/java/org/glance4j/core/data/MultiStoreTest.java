package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.ADMIN;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;
import static org.glance4j.core.CoreFixture.OWNER_READER;
import static org.glance4j.core.CoreFixture.assertFails;

import java.io.ByteArrayInputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/** Stores configured the multi-store way: choosing the store of an upload, weights, store infos, delete from one. */
class MultiStoreTest {

    private static final RequestContext SERVICE = CoreFixture.context("nova", "service-project", "service");

    private final InMemoryImageStore fast = new InMemoryImageStore("fast");
    private final InMemoryImageStore slow = new InMemoryImageStore("slow");
    private final InMemoryImageStore web = new InMemoryImageStore("web", EnumSet.of(StoreCapability.READ));
    private final byte[] bytes = GeneratedBytes.array(777, 3);

    private final DataFixture f = new DataFixture(
            List.of(fast, slow, web),
            "slow",
            Map.of(
                    "fast", new StoreInfo("fast", "SSD pool", false, false, 100, "file", Map.of("data_dir", "/ssd")),
                    "slow", new StoreInfo("slow", null, false, false, 10, "file", Map.of()),
                    "web", new StoreInfo("web", "read only", false, false, 0, "http", Map.of())),
            LocationSettings.defaults());

    @Test
    void uploadGoesToTheDefaultStoreOrTheNamedOne() {
        Image toDefault = f.upload(f.queued("raw", "bare"), bytes, null);
        Image toFast = f.upload(f.queued("raw", "bare"), bytes, "fast");
        assertThat(toDefault.locations()).extracting(ImageLocation::storeId).containsExactly("slow");
        assertThat(toFast.locations()).extracting(ImageLocation::storeId).containsExactly("fast");
        assertThat(toFast.locations().get(0).metadata()).containsEntry("store", "fast");
        assertThat(fast.objectCount()).isEqualTo(1);
        assertThat(slow.objectCount()).isEqualTo(1);
    }

    @Test
    void uploadToAnUnknownStoreIsInvalidBeforeTheImageIsLookedUp() {
        Image image = f.queued("raw", "bare");
        assertFails(
                ErrorCategory.INVALID,
                "Store for identifier nowhere not found",
                () -> f.upload(image, bytes, "nowhere"));
        assertFails(
                ErrorCategory.INVALID,
                () -> f.core.imageData()
                        .upload(
                                OWNER_MEMBER,
                                "no-such-image",
                                new ByteArrayInputStream(bytes),
                                bytes.length,
                                "nowhere"));
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void uploadToAReadOnlyStoreIsRefusedAndLeavesTheImageQueued() {
        Image image = f.queued("raw", "bare");
        assertFails(ErrorCategory.NOT_IMPLEMENTED, () -> f.upload(image, bytes, "web"));
        assertThat(f.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void theSingleStoreFormIgnoresTheStoreName() {
        InMemoryImageStore only = new InMemoryImageStore("file");
        DataFixture single = new DataFixture(List.of(only), "file", null, LocationSettings.defaults());
        Image image = single.upload(single.queued("raw", "bare"), bytes, "anything");
        assertThat(image.locations()).extracting(ImageLocation::storeId).containsExactly("file");
        assertThat(single.core.storeInfo().multipleStores()).isFalse();
        assertThat(single.core.storeInfo().storeIds()).isEmpty();
        assertFails(
                ErrorCategory.NOT_FOUND,
                "Multi backend is not supported at this site.",
                () -> single.core.storeInfo().stores(OWNER_READER));
        assertFails(ErrorCategory.NOT_FOUND, () -> single.core.storeInfo().storeDetails(ADMIN));
        assertFails(ErrorCategory.NOT_FOUND, () -> single.core.locations().deleteFromStore(ADMIN, "file", image.id()));
    }

    @Test
    void storeInfosMarkTheDefaultAndReadOnlyStores() {
        List<StoreInfo> infos = f.core.storeInfo().stores(OWNER_READER);
        assertThat(infos).extracting(StoreInfo::id).containsExactly("fast", "slow", "web");
        assertThat(infos)
                .filteredOn(StoreInfo::isDefault)
                .extracting(StoreInfo::id)
                .containsExactly("slow");
        assertThat(infos)
                .filteredOn(StoreInfo::readOnly)
                .extracting(StoreInfo::id)
                .containsExactly("web");
        assertThat(infos.get(0).description()).isEqualTo("SSD pool");
        assertThat(f.core.storeInfo().storeIds()).containsExactly("fast", "slow", "web");
    }

    @Test
    void storeDetailsAreForAdminsAndServices() {
        assertFails(ErrorCategory.FORBIDDEN, () -> f.core.storeInfo().storeDetails(OWNER_MEMBER));
        assertThat(f.core.storeInfo().storeDetails(ADMIN))
                .extracting(StoreInfo::weight)
                .containsExactly(100, 10, 0);
        assertThat(f.core.storeInfo().storeDetails(SERVICE).get(0).properties()).containsEntry("data_dir", "/ssd");
    }

    @Test
    void reservedStoresAreNotListedButAreInTheStoreIds() {
        InMemoryImageStore staging = new InMemoryImageStore("os_glance_staging_store");
        DataFixture withStaging =
                new DataFixture(List.of(fast, staging), "fast", Map.of(), LocationSettings.defaults());
        assertThat(withStaging.core.storeInfo().stores(OWNER_READER))
                .extracting(StoreInfo::id)
                .containsExactly("fast");
        assertThat(withStaging.core.storeInfo().storeIds()).containsExactly("fast", "os_glance_staging_store");
    }

    @Test
    void downloadReadsTheHeaviestStoreFirstAndFallsBack() throws Exception {
        Image image = twoCopies();
        assertThat(f.core.locations().inPreferenceOrder(f.stored(image.id())))
                .extracting(ImageLocation::storeId)
                .containsExactly("fast", "slow");
        fast.delete(f.core.locations()
                .inPreferenceOrder(f.stored(image.id()))
                .get(0)
                .url());
        fast.put("marker", new byte[] {1}); // the fast copy is gone: the download must come from slow
        try (ImageDownload download = f.core.imageData().download(OWNER_MEMBER, image.id(), null)) {
            assertThat(download.body().readAllBytes()).isEqualTo(bytes);
        }
        fast.setUnavailable(true);
        try (ImageDownload download = f.core.imageData().download(OWNER_MEMBER, image.id(), null)) {
            assertThat(download.body().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void downloadPrefersTheHeavierStoreEvenWhenItsLocationIsRecordedLast() throws Exception {
        Image image = twoCopies();
        slow.setUnavailable(true); // reading slow would fail, so a correct answer proves fast was read
        try (ImageDownload download = f.core.imageData().download(OWNER_MEMBER, image.id(), null)) {
            assertThat(download.body().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aRangeComesFromTheNextCopyWhenTheHeaviestStoreCannotReadRanges() throws Exception {
        InMemoryImageStore wholeOnly = new InMemoryImageStore(
                "whole", EnumSet.of(StoreCapability.READ, StoreCapability.WRITE, StoreCapability.DELETE));
        DataFixture g = new DataFixture(
                List.of(wholeOnly, slow),
                "slow",
                Map.of("whole", new StoreInfo("whole", null, false, false, 100, "file", Map.of())),
                LocationSettings.defaults());
        Image image = g.upload(g.queued("raw", "bare"), bytes, null);
        var copy = wholeOnly.put(image.id(), bytes);
        g.images.update(g.stored(image.id()).toBuilder()
                .locations(List.of(
                        image.locations().get(0),
                        new ImageLocation(copy.location(), "whole", Map.of("store", "whole"))))
                .build());
        try (ImageDownload range = g.core.imageData()
                .download(OWNER_MEMBER, image.id(), org.glance4j.ports.in.RangeRequest.from(10, 19L))) {
            assertThat(range.body().readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 20));
        }
        slow.setUnavailable(true);
        assertFails(
                ErrorCategory.UNAVAILABLE,
                () -> g.core.imageData()
                        .download(OWNER_MEMBER, image.id(), org.glance4j.ports.in.RangeRequest.from(10, 19L)));
        slow.setUnavailable(false);
        slow.delete(image.locations().get(0).url());
        assertFails(
                ErrorCategory.NOT_IMPLEMENTED,
                () -> g.core.imageData()
                        .download(OWNER_MEMBER, image.id(), org.glance4j.ports.in.RangeRequest.from(10, 19L)));
    }

    @Test
    void deleteFromStoreRemovesOneCopy() {
        Image image = twoCopies();
        String fastUrl = locationIn(image.id(), "fast").url();
        f.core.locations().deleteFromStore(ADMIN, "fast", image.id());
        assertThat(f.stored(image.id()).locations())
                .extracting(ImageLocation::storeId)
                .containsExactly("slow");
        assertFails(ErrorCategory.NOT_FOUND, () -> fast.size(fastUrl));
        assertThat(slow.objectCount()).isEqualTo(1);
    }

    @Test
    void deleteFromStoreRefusals() {
        Image image = twoCopies();
        Image single = f.upload(f.queued("raw", "bare"), bytes, "fast");
        Image queued = f.queued("raw", "bare");
        assertFails(
                ErrorCategory.CONFLICT,
                "not available on this node",
                () -> f.core.locations().deleteFromStore(ADMIN, "nowhere", image.id()));
        assertFails(
                ErrorCategory.NOT_FOUND,
                "Failed to find image",
                () -> f.core.locations().deleteFromStore(ADMIN, "fast", "no-such-image"));
        assertFails(
                ErrorCategory.FORBIDDEN, () -> f.core.locations().deleteFromStore(OWNER_MEMBER, "fast", image.id()));
        assertFails(
                ErrorCategory.CONFLICT,
                "is not 'active'",
                () -> f.core.locations().deleteFromStore(ADMIN, "fast", queued.id()));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Cannot delete image data from the only store containing it",
                () -> f.core.locations().deleteFromStore(ADMIN, "fast", single.id()));
        assertFails(
                ErrorCategory.NOT_FOUND,
                "is not stored in store web",
                () -> f.core.locations().deleteFromStore(ADMIN, "web", image.id()));
        assertThat(f.stored(image.id()).locations()).hasSize(2);
    }

    /** An active image with a copy in slow (recorded first) and in fast. */
    private Image twoCopies() {
        Image image = f.upload(f.queued("raw", "bare"), bytes, "slow");
        var copy = fast.put(image.id(), bytes);
        Image stored = f.stored(image.id());
        return f.images.update(stored.toBuilder()
                .locations(List.of(
                        stored.locations().get(0), new ImageLocation(copy.location(), "fast", Map.of("store", "fast"))))
                .build());
    }

    private ImageLocation locationIn(String imageId, String storeId) {
        return f.stored(imageId).locations().stream()
                .filter(l -> l.storeId().equals(storeId))
                .findFirst()
                .orElseThrow();
    }
}
