package org.glance4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.core.image.ImageAccess;
import org.glance4j.core.image.ImageServiceParts;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.core.text.StorableText;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageLocationService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;

/**
 * Locations with Glance's rules and policies; see {@link ImageLocationService}. The add-location call runs
 * synchronously: where Glance starts a {@code location_import} task and answers at once, this reads the bytes at
 * the location, computes their checksum and hash, checks them against {@code validation_data}, and makes the image
 * active before it answers (a failure is an error answer instead of a failed task).
 */
public final class DefaultImageLocationService implements ImageLocationService {

    private static final Set<String> HASH_ALGOS = Set.of("sha1", "sha256", "sha512", "md5");
    private static final int BUFFER = 64 * 1024;

    private final ImageRepository images;
    private final PolicyEngine policies;
    private final ImageAccess access;
    private final ImageStores stores;
    private final LocationSettings settings;
    private final DataSettings data;
    private final LocationResolver resolver;
    private final Timestamps time;

    public DefaultImageLocationService(
            ImageServiceParts parts, ImageStores stores, LocationSettings settings, DataSettings data) {
        this.images = parts.images();
        this.policies = parts.policies();
        this.access = parts.access();
        this.stores = stores;
        this.settings = settings;
        this.data = data;
        this.resolver = new LocationResolver(stores);
        this.time = parts.time();
    }

    @Override
    public boolean showsLocations() {
        return settings.showMultipleLocations();
    }

    @Override
    public boolean showsDirectUrl() {
        return settings.showImageDirectUrl();
    }

    @Override
    public List<ImageLocation> inPreferenceOrder(Image image) {
        return stores.inPreferenceOrder(image.locations());
    }

    // ------------------------------------------------------------------------------------------------ delete

    @Override
    public void deleteFromStore(RequestContext context, String storeId, String imageId) {
        if (!stores.multiple()) {
            throw GlanceException.notFound("The resource could not be found.");
        }
        ImageStore store = stores.byId(storeId)
                .orElseThrow(() ->
                        GlanceException.conflict("The selected store " + storeId + " is not available on this node."));
        ImagePolicy policy = new ImagePolicy(policies, context);
        ImageLocation[] removed = new ImageLocation[1];
        RevisionRetry.run(() -> {
            ImageAccess.Found found = load(context, policy, imageId);
            Image image = found.image();
            policy.enforce("get_image_location", image, found.memberId());
            policy.enforce("delete_image_location", image, found.memberId());
            if (image.status() != ImageStatus.ACTIVE) {
                throw GlanceException.conflict(
                        "It's not allowed to remove image data from store if image status " + "is not 'active'");
            }
            if (image.locations().size() == 1) {
                throw GlanceException.forbidden("Cannot delete image data from the only store containing it. "
                        + "Consider deleting the image instead.");
            }
            List<ImageLocation> kept = new ArrayList<>(inPreferenceOrder(image));
            ImageLocation gone = kept.stream()
                    .filter(l -> l.storeId().equals(storeId))
                    .findFirst()
                    .orElseThrow(() ->
                            GlanceException.notFound("Image " + imageId + " is not stored in store " + storeId + "."));
            kept.remove(gone);
            removed[0] = gone;
            return images.update(image.toBuilder()
                    .locations(kept)
                    .updatedAt(time.after(image.updatedAt()))
                    .build());
        });
        if (store.capabilities().contains(StoreCapability.DELETE)) {
            DefaultImageDataService.deleteQuietly(store, removed[0].url(), imageId);
        }
    }

    private ImageAccess.Found load(RequestContext context, ImagePolicy policy, String imageId) {
        try {
            return access.load(context, policy, imageId);
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.NOT_FOUND) {
                throw GlanceException.notFound("Failed to find image " + imageId);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------ add

    @Override
    public Image addLocation(RequestContext context, String imageId, Map<String, Object> body) {
        AddLocationBody request = AddLocationBody.parse(body);
        ImagePolicy policy = new ImagePolicy(policies, context);
        ImageAccess.Found found = access.load(context, policy, imageId);
        Image image = found.image();
        if (image.status() != ImageStatus.QUEUED) {
            throw notQueued(image);
        }
        policy.enforce("add_image_location", image, found.memberId());
        if (!context.hasRole("service") && !httpStoreServes(request.url())) {
            throw GlanceException.forbidden("http store must be enabled to use location API by normal user.");
        }
        request.checkHashFormat(data.hashingAlgorithm());
        LocationResolver.Resolved resolved = resolver.resolve(request.url(), null);
        HashAlgorithm algorithm =
                HashAlgorithm.of(request.hashAlgo() != null ? request.hashAlgo() : data.hashingAlgorithm());
        String[] digests = digest(resolved.store(), request.url(), algorithm);
        if (request.hashValue() != null && !request.hashValue().equalsIgnoreCase(digests[1])) {
            throw GlanceException.invalid("os_hash_value: (" + request.hashValue() + ") not matched with actual "
                    + "os_hash_value: (" + digests[1] + ")");
        }
        Map<String, String> metadata =
                stores.multiple() ? Map.of("store", resolved.store().id()) : Map.of();
        ImageLocation location =
                new ImageLocation(request.url(), resolved.store().id(), metadata);
        return RevisionRetry.run(() -> {
            Image current = images.find(imageId)
                    .filter(i -> !i.isDeleted())
                    .orElseThrow(() -> GlanceException.notFound("No image found with ID " + imageId));
            if (current.status() != ImageStatus.QUEUED) {
                throw notQueued(current);
            }
            Image active =
                    ImageLifecycle.of(current).moveTo(ImageStatus.ACTIVE, time.after(current.updatedAt())).toBuilder()
                            .locations(List.of(location))
                            .size(resolved.size())
                            .checksum(digests[0])
                            .osHashAlgo(algorithm.glanceName())
                            .osHashValue(digests[1])
                            .virtualSize(DefaultImageDataService.virtualSize(current.diskFormat(), resolved.size()))
                            .build();
            return images.update(active);
        });
    }

    /** Whether an {@code http} store is configured and the URL is one it serves (Glance's test for non-services). */
    private boolean httpStoreServes(String url) {
        return url.startsWith("http")
                && stores.infos().stream().map(StoreInfo::type).anyMatch("http"::equals);
    }

    private static String[] digest(ImageStore store, String url, HashAlgorithm algorithm) {
        MessageDigest md5 = HashAlgorithm.MD5.newDigest();
        MessageDigest hash = algorithm.newDigest();
        try (InputStream in = store.read(url, null)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md5.update(buffer, 0, n);
                hash.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {
            HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(hash.digest())
        };
    }

    private static GlanceException notQueued(Image image) {
        return GlanceException.conflict("It's not allowed to add locations if image status is "
                + image.status().wireName() + ".");
    }

    /** The body of the add-location call, checked against Glance's {@code add_location} schema. */
    private record AddLocationBody(String url, String hashAlgo, String hashValue) {

        static AddLocationBody parse(Map<String, Object> body) {
            if (body == null) {
                throw GlanceException.invalid("'url' is a required property");
            }
            StorableText.requireInJson("Location", body, Set.of());
            for (String key : body.keySet()) {
                if (!key.equals("url") && !key.equals("validation_data")) {
                    throw GlanceException.invalid(
                            "Additional properties are not allowed ('" + key + "' was unexpected)");
                }
            }
            if (!(body.get("url") instanceof String url)) {
                throw GlanceException.invalid(
                        body.containsKey("url") ? "'url' must be a string" : "'url' is a required property");
            }
            Object validation = body.get("validation_data");
            if (validation == null) {
                return new AddLocationBody(url, null, null);
            }
            if (!(validation instanceof Map<?, ?> data)) {
                throw GlanceException.invalid("'validation_data' must be an object");
            }
            for (Object key : data.keySet()) {
                if (!key.equals("os_hash_algo") && !key.equals("os_hash_value")) {
                    throw GlanceException.invalid(
                            "Additional properties are not allowed ('" + key + "' was unexpected)");
                }
            }
            Object algo = data.get("os_hash_algo");
            Object value = data.get("os_hash_value");
            if ((algo == null) != (value == null)) {
                throw GlanceException.invalid(
                        algo == null
                                ? "'os_hash_algo' is a dependency of 'os_hash_value'"
                                : "'os_hash_value' is a dependency of 'os_hash_algo'");
            }
            if (algo != null && (!(algo instanceof String a) || !HASH_ALGOS.contains(a))) {
                throw GlanceException.invalid("'" + algo + "' is not one of ['sha1', 'sha256', 'sha512', 'md5']");
            }
            if (value != null && (!(value instanceof String v) || v.length() > 128)) {
                throw GlanceException.invalid("'os_hash_value' must be a string of at most 128 characters");
            }
            return new AddLocationBody(url, (String) algo, (String) value);
        }

        void checkHashFormat(String configuredAlgo) {
            if (hashValue == null) {
                return;
            }
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(hashValue);
            } catch (IllegalArgumentException e) {
                throw GlanceException.invalid("os_hash_value (" + hashValue + ") is not a valid hexadecimal value");
            }
            String algo = hashAlgo != null ? hashAlgo : configuredAlgo;
            int want = HashAlgorithm.of(algo).newDigest().getDigestLength();
            if (bytes.length != want) {
                throw GlanceException.invalid("os_hash_value: (" + hashValue + ") is not the correct size for (" + algo
                        + ") (should be (" + want + ") bytes)");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ list

    @Override
    public List<ImageLocation> locations(RequestContext context, String imageId) {
        ImagePolicy policy = new ImagePolicy(policies, context);
        ImageAccess.Found found = access.load(context, policy, imageId);
        policy.enforce("fetch_image_location", found.image(), found.memberId());
        return inPreferenceOrder(found.image());
    }
}
