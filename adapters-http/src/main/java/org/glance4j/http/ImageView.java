package org.glance4j.http;

import java.util.List;
import org.glance4j.ports.in.ImageLocationService;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;

/**
 * What an image shows beyond its record, as the operator configured it: {@code locations}
 * ({@code show_multiple_locations}), {@code direct_url} ({@code show_image_direct_url}) and, with multiple stores,
 * {@code stores} (the ids of the stores holding the data, in preference order).
 */
final class ImageView {
    /** Nothing beyond the record: one store, locations hidden. */
    static final ImageView PLAIN = new ImageView(null, false, false, false);

    private final ImageLocationService locations;
    private final boolean showLocations;
    private final boolean showDirectUrl;
    private final boolean showStores;

    private ImageView(
            ImageLocationService locations, boolean showLocations, boolean showDirectUrl, boolean showStores) {
        this.locations = locations;
        this.showLocations = showLocations;
        this.showDirectUrl = showDirectUrl;
        this.showStores = showStores;
    }

    static ImageView of(ImageLocationService locations, StoreInfoService stores) {
        return new ImageView(
                locations, locations.showsLocations(), locations.showsDirectUrl(), stores.multipleStores());
    }

    boolean showsLocations() {
        return showLocations;
    }

    boolean showsDirectUrl() {
        return showDirectUrl;
    }

    boolean showsStores() {
        return showStores;
    }

    /** The image's locations in the order to show them. */
    List<ImageLocation> locationsOf(Image image) {
        return locations == null ? image.locations() : locations.inPreferenceOrder(image);
    }
}
