package org.glance4j.core.data;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.glance4j.core.image.LocationPatcher;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.out.store.ImageStore;

/**
 * The legacy {@code PATCH} of {@code /locations} with Glance's rules, when {@code show_multiple_locations} is on
 * (otherwise every change is refused as {@link LocationPatcher#REFUSING} refuses it).
 *
 * <ul>
 *   <li>{@code add /locations/<n or ->} ({@code set_image_location}): a queued or active image; the location's
 *       URL must be readable by a configured store ({@link LocationResolver}) and not yet on the image; a queued
 *       image becomes active with the size found there and the {@code validation_data} given.</li>
 *   <li>{@code replace /locations} ({@code set_image_location}): an image without locations gets the list (each
 *       checked as above); an image with locations may only change their metadata (same URLs).</li>
 *   <li>{@code remove /locations/<n>} ({@code delete_image_location}, admin by default): an active image keeps
 *       at least one location; the bytes of the removed one are deleted from its store once the change is
 *       stored.</li>
 * </ul>
 * Positions count in the order images show their locations (by store weight with multiple stores).
 */
public final class StoreLocationPatcher implements LocationPatcher {

    private static final Logger LOG = Logger.getLogger(StoreLocationPatcher.class.getName());

    private final ImageStores stores;
    private final LocationSettings settings;
    private final LocationResolver resolver;
    private final ValidationData validation;
    private final Timestamps time;

    public StoreLocationPatcher(ImageStores stores, LocationSettings settings, String hashingAlgorithm, Clock clock) {
        this.stores = stores;
        this.settings = settings;
        this.resolver = new LocationResolver(stores);
        this.validation = new ValidationData(HashAlgorithm.of(hashingAlgorithm));
        this.time = new Timestamps(clock);
    }

    @Override
    public Image apply(Image image, String memberId, ImagePolicy policy, String op, List<String> path, Object value) {
        if (!settings.showMultipleLocations()) {
            return REFUSING.apply(image, memberId, policy, op, path, value);
        }
        return switch (op) {
            case "replace" -> replace(image, memberId, policy, value);
            case "add" -> add(image, memberId, policy, path.get(1), value);
            default -> remove(image, memberId, policy, path.get(1));
        };
    }

    private Image replace(Image image, String memberId, ImagePolicy policy, Object value) {
        if (LocationPatcher.isEmpty(value)) {
            throw GlanceException.forbidden("Cannot set locations to empty list.");
        }
        policy.enforce("set_image_location", image, memberId);
        requireStatus(image, "replace", Set.of(ImageStatus.ACTIVE, ImageStatus.QUEUED));
        List<LocationValue> given = LocationValue.listOf(value);
        Map<String, String> newValues = validation.newValues(image, given);
        List<ImageLocation> current = stores.inPreferenceOrder(image.locations());
        List<String> givenUrls = given.stream().map(LocationValue::url).sorted().toList();
        List<String> currentUrls =
                current.stream().map(ImageLocation::url).sorted().toList();
        List<ImageLocation> replaced = new ArrayList<>();
        Long size = image.size();
        if (givenUrls.equals(currentUrls)) {
            for (LocationValue location : given) {
                String storeId = current.stream()
                        .filter(l -> l.url().equals(location.url()))
                        .findFirst()
                        .map(ImageLocation::storeId)
                        .orElseThrow();
                replaced.add(new ImageLocation(location.url(), storeId, metadata(location, storeId)));
            }
        } else {
            if (!current.isEmpty()) {
                throw GlanceException.invalid("Original locations is not empty: "
                        + current.stream().map(ImageLocation::url).toList());
            }
            Set<String> seen = new HashSet<>();
            for (LocationValue location : given) {
                LocationResolver.Resolved resolved =
                        resolver.resolve(location.url(), location.metadata().get("store"));
                if (!seen.add(location.url())) {
                    throw duplicate(location.url());
                }
                if (size == null) {
                    size = resolved.size();
                }
                replaced.add(new ImageLocation(
                        location.url(),
                        resolved.store().id(),
                        metadata(location, resolved.store().id())));
            }
        }
        return activateIfQueued(image.toBuilder().locations(replaced).size(size).build(), newValues);
    }

    private Image add(Image image, String memberId, ImagePolicy policy, String position, Object value) {
        policy.enforce("set_image_location", image, memberId);
        requireStatus(image, "add", Set.of(ImageStatus.ACTIVE, ImageStatus.QUEUED));
        LocationValue location = LocationValue.of(value);
        Map<String, String> newValues = validation.newValues(image, List.of(location));
        List<ImageLocation> locations = new ArrayList<>(stores.inPreferenceOrder(image.locations()));
        Integer pos = position(position, locations.size(), true);
        if (pos == null) {
            throw GlanceException.invalid("Invalid position for adding a location.");
        }
        if (locations.stream().anyMatch(l -> l.url().equals(location.url()))) {
            throw duplicate(location.url());
        }
        LocationResolver.Resolved resolved =
                resolver.resolve(location.url(), location.metadata().get("store"));
        locations.add(
                pos,
                new ImageLocation(
                        location.url(),
                        resolved.store().id(),
                        metadata(location, resolved.store().id())));
        Image.Builder changed = image.toBuilder().locations(locations);
        if (image.size() == null) {
            changed.size(resolved.size());
        }
        return activateIfQueued(changed.build(), newValues);
    }

    private Image remove(Image image, String memberId, ImagePolicy policy, String position) {
        policy.enforce("delete_image_location", image, memberId);
        requireStatus(image, "remove", Set.of(ImageStatus.ACTIVE));
        List<ImageLocation> locations = new ArrayList<>(stores.inPreferenceOrder(image.locations()));
        if (locations.size() == 1) {
            throw GlanceException.forbidden("Cannot remove last location in the image.");
        }
        Integer pos = position(position, locations.size(), false);
        if (pos == null) {
            throw GlanceException.invalid("Invalid position for removing a location.");
        }
        locations.remove(pos.intValue());
        return image.toBuilder().locations(locations).build();
    }

    @Override
    public void removeData(Image image, List<ImageLocation> dropped) {
        for (ImageLocation location : dropped) {
            ImageStore store = stores.byId(location.storeId()).orElse(null);
            if (store == null) {
                LOG.warning("Cannot delete the data of image " + image.id() + " at " + location.url() + ": store '"
                        + location.storeId() + "' is not configured");
                continue;
            }
            DefaultImageDataService.deleteQuietly(store, location.url(), image.id());
        }
    }

    private Image activateIfQueued(Image image, Map<String, String> newValues) {
        if (image.status() != ImageStatus.QUEUED) {
            return image;
        }
        Image withValues = ValidationData.apply(image, newValues);
        return ImageLifecycle.of(withValues).moveTo(ImageStatus.ACTIVE, time.after(image.updatedAt()));
    }

    /** The client's metadata, with the store's id under {@code store} when stores are configured per id. */
    private Map<String, String> metadata(LocationValue location, String storeId) {
        Map<String, String> metadata = new LinkedHashMap<>(location.metadata());
        if (stores.multiple()) {
            metadata.put("store", storeId);
        }
        return metadata;
    }

    private static void requireStatus(Image image, String verb, Set<ImageStatus> allowed) {
        if (!allowed.contains(image.status())) {
            throw GlanceException.conflict("It's not allowed to " + verb + " locations if image status is "
                    + image.status().wireName() + ".");
        }
    }

    /**
     * Glance's position rule: digits or {@code -} (the end); for a removal null when outside the list, for an
     * addition a position past the end appends.
     */
    static Integer position(String text, int size, boolean allowEnd) {
        int pos = allowEnd ? size : size - 1;
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                pos = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return null;
            }
        } else if (!text.equals("-")) {
            return null;
        }
        if (allowEnd) {
            return Math.min(pos, size); // Python's insert past the end appends
        }
        return pos < 0 || pos >= size ? null : pos;
    }

    private static GlanceException duplicate(String url) {
        return GlanceException.invalid("The location " + url + " already exists");
    }
}
