package org.glance4j.ports.in;

import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.RequestContext;

/**
 * Where an image's bytes are, as the API shows and changes it: the {@code locations} and {@code direct_url} an
 * operator may choose to show ({@code show_multiple_locations}, {@code show_image_direct_url}), the add-location
 * call of API 2.17 ({@code POST /v2/images/{id}/locations}), the service-only list of locations
 * ({@code GET /v2/images/{id}/locations}) and the removal of the copy in one store
 * ({@code DELETE /v2/stores/{store}/{id}}). Changing locations by {@code PATCH} goes through
 * {@link ImageService#update}.
 *
 * <p>An image the caller may not see is {@code NOT_FOUND}, as everywhere.
 */
public interface ImageLocationService {

    /** Whether images show their {@code locations} ({@code show_multiple_locations}). */
    boolean showsLocations();

    /** Whether images show {@code direct_url}, the URL of their preferred location ({@code show_image_direct_url}). */
    boolean showsDirectUrl();

    /**
     * The image's locations in the order they are shown and read: with multiple stores, by the weight of their
     * store, highest first (a location of an unknown store weighs 0), keeping the recorded order among equals.
     */
    List<ImageLocation> inPreferenceOrder(Image image);

    /**
     * Deletes the image's bytes from one store and forgets that location.
     *
     * @throws GlanceException {@code NOT_FOUND} without multiple stores, for an unknown or invisible image, or when
     *                         the image has no data in that store; {@code CONFLICT} for a store that is not
     *                         configured or an image that is not active; {@code FORBIDDEN} when it is the only
     *                         copy, or the {@code get_image_location}/{@code delete_image_location} policy refuses
     */
    void deleteFromStore(RequestContext context, String storeId, String imageId);

    /**
     * Adds the first location of a queued image from a URL one of the configured stores can read, with optional
     * {@code validation_data} ({@code os_hash_algo} and {@code os_hash_value}); the image becomes active with
     * the size, checksum and hash of the bytes found there.
     *
     * @param body the request body: {@code url} (required) and {@code validation_data}
     * @throws GlanceException {@code INVALID} for a bad body, a URL no store can read or a hash that does not match;
     *                         {@code CONFLICT} when the image is not queued; {@code FORBIDDEN} when the
     *                         {@code add_image_location} policy refuses; {@code NOT_FOUND}
     */
    Image addLocation(RequestContext context, String imageId, Map<String, Object> body);

    /**
     * Every location of an image, with its metadata ({@code fetch_image_location}: the service role by default).
     *
     * @throws GlanceException {@code FORBIDDEN} when the policy refuses, {@code NOT_FOUND}
     */
    List<ImageLocation> locations(RequestContext context, String imageId);
}
