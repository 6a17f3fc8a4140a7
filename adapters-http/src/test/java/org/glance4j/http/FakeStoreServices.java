package org.glance4j.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.in.ImageLocationService;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StoreInfo;

/**
 * Hand-written fakes of the store and location use cases: a fixed list of stores, locations shown in reverse
 * recorded order (so a test can tell that the adapter asks for the order), and every call recorded.
 */
final class FakeStoreServices implements StoreInfoService, ImageLocationService {
    /** One recorded call. */
    record Call(String method, String first, String second, Object argument) {}

    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    final List<StoreInfo> stores = List.of(
            new StoreInfo(
                    "fast", "SSD", true, false, 100, "file", new java.util.LinkedHashMap<>(Map.of("data_dir", "/ssd"))),
            new StoreInfo("web", null, false, true, 0, "http", Map.of()));
    volatile List<ImageLocation> listed = List.of();

    @Override
    public boolean multipleStores() {
        return true;
    }

    @Override
    public List<StoreInfo> stores(RequestContext context) {
        calls.add(new Call("stores", null, null, null));
        return stores;
    }

    @Override
    public List<StoreInfo> storeDetails(RequestContext context) {
        calls.add(new Call("storeDetails", null, null, null));
        return stores;
    }

    @Override
    public List<String> storeIds() {
        return List.of("fast", "web");
    }

    @Override
    public boolean showsLocations() {
        return true;
    }

    @Override
    public boolean showsDirectUrl() {
        return true;
    }

    @Override
    public List<ImageLocation> inPreferenceOrder(Image image) {
        List<ImageLocation> reversed = new ArrayList<>(image.locations());
        Collections.reverse(reversed);
        return reversed;
    }

    @Override
    public void deleteFromStore(RequestContext context, String storeId, String imageId) {
        calls.add(new Call("deleteFromStore", storeId, imageId, null));
    }

    @Override
    public Image addLocation(RequestContext context, String imageId, Map<String, Object> body) {
        calls.add(new Call("addLocation", imageId, null, body));
        return FakeImageService.sampleImage();
    }

    @Override
    public List<ImageLocation> locations(RequestContext context, String imageId) {
        calls.add(new Call("locations", imageId, null, null));
        return listed;
    }
}
