package org.glance4j.core.data;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.core.format.FormatPolicy;
import org.glance4j.core.format.InspectingInputStream;
import org.glance4j.core.format.InspectionResult;
import org.glance4j.core.image.ImageAccess;
import org.glance4j.core.image.ImageServiceParts;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.quota.StoredSizeReservation;
import org.glance4j.core.quota.UnifiedLimits;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.in.RangeRequest;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.out.store.UnsupportedStoreOperationException;

/**
 * Upload and download of image bytes with Glance's rules; see {@link ImageDataService}. A download reads the
 * location of the highest-weight store first and falls back to the next one when a store fails or cannot read
 * the range asked for.
 *
 * <p>Upload: {@code upload_image} policy; the image moves {@code queued -> saving} in one revisioned update that
 * also records this node in {@value #UPLOAD_NODE} (so of two racing uploads exactly one wins, the other gets
 * {@code CONFLICT}); the bytes stream to the default store (or the one the caller names) through
 * {@link ParallelDigestInputStream} (md5 and the configured {@code os_hash_algo} computed on two other threads
 * while the store writes, the size cap and the declared size enforced as bytes pass, and, for a {@code bare}
 * container, the disk format inspected as bytes pass); then the {@link FormatPolicy} judges what the inspection
 * found (a refusal is {@code UNSUPPORTED_MEDIA_TYPE}, as Glance answers 415), and one update makes the image
 * active with its size, checksums, {@code virtual_size} and location. Digests the client states (and a
 * {@code checksum} or {@code os_hash_value} the queued record holds) are checked by {@link StatedDigestCheck} once
 * the last byte has passed, an algorithm the upload does not compute anyway getting a digest lane of its own. On any
 * failure what the store wrote is deleted and the image goes back to {@code queued} (or stays {@code deleted}).
 */
public final class DefaultImageDataService implements ImageDataService {

    /** The internal property naming the node that is uploading an image; present only while it is saving. */
    public static final String UPLOAD_NODE = "os_glance_upload_node";
    /** The disk format an upload had before it was converted for its store. */
    public static final String ORIGINAL_DISK_FORMAT = "os_glance_original_disk_format";
    /** The md5 of an upload as the client sent it, before it was converted for its store. */
    public static final String ORIGINAL_CHECKSUM = "os_glance_original_checksum";
    /** The {@code os_hash_algo} digest of an upload as the client sent it, before it was converted. */
    public static final String ORIGINAL_HASH_VALUE = "os_glance_original_os_hash_value";

    /**
     * How Glance words a refused upload: webob's 415 page, whose first line names the media type, then the reason.
     * The HTTP adapter accepts uploads of {@code application/octet-stream} alone.
     */
    static final String REFUSED_MEDIA =
            "The request media type application/octet-stream is not supported by this " + "server. ";

    private static final Logger LOG = Logger.getLogger(DefaultImageDataService.class.getName());

    private final ImageRepository images;
    private final PolicyEngine policies;
    private final ImageAccess access;
    private final ImageStores stores;
    private final DataSettings settings;
    final HashAlgorithm hashAlgorithm;
    private final Timestamps time;
    final ExecutorService digestThreads;
    final FormatPolicy formats;
    private final UnifiedLimits limits;
    private final DownloadCache cache;
    /** Conversion for stores that want another disk format; null when none can be done (set before use). */
    private StoreFormatConversion conversion;

    /**
     * With {@code limits}: {@code image_size_total} and {@code image_count_uploading} checked before an upload
     * ({@link UnifiedLimits#off()} for none); with {@code cache}: downloads are served from this node's image cache,
     * and fill it ({@link DownloadCache#NONE} for none).
     *
     * @throws IllegalArgumentException when the hashing algorithm is not supported
     */
    public DefaultImageDataService(
            ImageServiceParts parts,
            ImageStores stores,
            DataSettings settings,
            ExecutorService digestThreads,
            FormatPolicy formats,
            UnifiedLimits limits,
            DownloadCache cache) {
        this.cache = cache;
        this.limits = limits;
        this.images = parts.images();
        this.policies = parts.policies();
        this.access = parts.access();
        this.stores = stores;
        this.settings = settings;
        this.hashAlgorithm = HashAlgorithm.of(settings.hashingAlgorithm());
        this.time = parts.time();
        this.digestThreads = digestThreads;
        this.formats = formats;
    }

    /** The conversion of uploads, or null when this core converts none; see {@link #convertUploadsWith}. */
    StoreFormatConversion conversion() {
        return conversion;
    }

    /**
     * Converts uploads to a store that wants another disk format ({@link ImageStores#outputFormatOf}) through
     * {@code uploadConversion}; called once, while the core is built, before the service is used.
     */
    public void convertUploadsWith(UploadConversion uploadConversion) {
        this.conversion = new StoreFormatConversion(
                uploadConversion, stores, hashAlgorithm, digestThreads, settings.imageSizeCap());
    }

    // ------------------------------------------------------------------------------------------------ upload

    @Override
    public Image upload(RequestContext context, String imageId, InputStream data, long declaredSize) {
        return upload(context, imageId, data, declaredSize, null);
    }

    @Override
    public Image upload(RequestContext context, String imageId, InputStream data, long declaredSize, String storeId) {
        return upload(context, imageId, data, declaredSize, storeId, List.of());
    }

    @Override
    public Image upload(
            RequestContext context,
            String imageId,
            InputStream data,
            long declaredSize,
            String storeId,
            List<StatedDigest> stated) {
        StatedDigestCheck.of(stated); // an algorithm this server cannot compute is refused before anything moves
        try (StoredSizeReservation reserved = limits.reserveStoredSize(context.projectId(), declaredSize)) {
            return uploadWithinLimits(context, imageId, data, declaredSize, storeId, stated, reserved);
        }
    }

    private Image uploadWithinLimits(
            RequestContext context,
            String imageId,
            InputStream body,
            long declaredSize,
            String storeId,
            List<StatedDigest> stated,
            StoredSizeReservation reserved) {
        InputStream data = reserved.meter(body);
        ImageStore target = targetStore(storeId);
        ImagePolicy policy = new ImagePolicy(policies, context);
        Image saving = limits.guarded(context.projectId(), () -> {
            Image marked = markSaving(context, policy, imageId, declaredSize, target);
            try {
                limits.checkUploading(context.projectId());
            } catch (RuntimeException e) {
                returnToQueued(imageId);
                throw e;
            }
            return marked;
        });
        ImageStore store = target != null ? target : stores.defaultStore();
        ParallelDigestInputStream digesting = null;
        StoredObject stored = null;
        String convertTo = null;
        try {
            convertTo = conversionTarget(store, saving);
            InspectingInputStream inspecting =
                    formats.inspects(saving.containerFormat()) ? new InspectingInputStream(data) : null;
            StatedDigestCheck check = StatedDigestCheck.of(stated, saving);
            List<HashAlgorithm> algorithms = new java.util.ArrayList<>(List.of(HashAlgorithm.MD5, hashAlgorithm));
            algorithms.addAll(check.extraAlgorithms(algorithms));
            digesting = new ParallelDigestInputStream(
                    inspecting == null ? data : inspecting,
                    settings.imageSizeCap(),
                    declaredSize,
                    algorithms.stream().map(HashAlgorithm::newDigest).toList(),
                    digestThreads);
            if (convertTo == null) {
                stored = store.write(imageId, digesting, declaredSize > 0 ? declaredSize : -1);
            } else {
                conversion.staging().delete(imageId); // anything a crashed upload of this image left
                long received = conversion.staging().write(imageId, digesting);
                stored = new StoredObject(STAGED, received);
            }
            List<String> digests = digesting.finish();
            if (stored.size() != digesting.total()) {
                throw GlanceException.unavailable(
                        (convertTo == null ? "Store '" + store.id() + "'" : "The staging area") + " reported "
                                + stored.size() + " bytes written, but " + digesting.total() + " were sent.",
                        null);
            }
            Map<String, String> computed = new java.util.LinkedHashMap<>();
            for (int i = 0; i < algorithms.size(); i++) {
                computed.put(algorithms.get(i).glanceName(), digests.get(i));
            }
            check.verifyHex(computed);
            Long virtualSize = inspecting == null
                    ? null
                    : judgeFormat(imageId, inspecting.result(), saving.diskFormat(), stored.size());
            if (convertTo != null) {
                StoreFormatConversion.Converted converted =
                        conversion.convertAndStore(imageId, saving.diskFormat(), convertTo, store);
                stored = converted.stored();
                Image active = activate(
                        imageId,
                        store,
                        stored,
                        converted.md5(),
                        converted.hash(),
                        converted.virtualSize(),
                        convertTo,
                        StoreFormatConversion.originalData(saving.diskFormat(), digests.get(0), digests.get(1)));
                reserved.stored(stored.size());
                return active;
            }
            Image active =
                    activate(imageId, store, stored, digests.get(0), digests.get(1), virtualSize, null, Map.of());
            reserved.stored(stored.size());
            return active;
        } catch (RuntimeException | Error e) {
            if (digesting != null) {
                digesting.abort();
            }
            if (stored != null && !STAGED.equals(stored.location())) {
                deleteQuietly(store, stored.location(), imageId);
            }
            GlanceException reported = reserved.refusal() != null
                    ? reserved.refusal()
                    : reportable(e, digesting == null ? null : digesting.failure(), store);
            returnToQueued(imageId);
            throw reported;
        } finally {
            if (convertTo != null) {
                conversion.staging().delete(imageId);
            }
        }
    }

    /** The location of an upload received into the staging area to be converted, before it reaches its store. */
    private static final String STAGED = "staged:";

    /**
     * The disk format an upload to {@code store} is converted to; null when it goes there as it comes.
     *
     * @throws GlanceException {@code INVALID} when the store wants a format the image's cannot be converted to
     */
    String conversionTarget(ImageStore store, Image saving) {
        return conversion == null ? null : conversion.targetFormat(store, saving);
    }

    /**
     * The store an upload asks for: with multiple stores a named one must be configured ({@code INVALID}, before
     * the image is even looked up, as Glance checks the header first); null means the default store. The
     * single-store form ignores the name, as Glance ignores the header without {@code enabled_backends}.
     */
    private ImageStore targetStore(String storeId) {
        if (storeId == null || !stores.multiple()) {
            return null;
        }
        return stores.byId(storeId)
                .orElseThrow(() -> GlanceException.invalid("Store for identifier " + storeId + " not found"));
    }

    /**
     * Glance's verdict on the inspected bytes: the {@code virtual_size} they give (null for none), or a refusal as
     * {@code UNSUPPORTED_MEDIA_TYPE} with Glance's wording, the policy's reason after it.
     */
    Long judgeFormat(String imageId, InspectionResult inspected, String diskFormat, long size) {
        try {
            long virtualSize = formats.virtualSize(inspected, diskFormat, size);
            return virtualSize > 0 ? virtualSize : null;
        } catch (GlanceException refused) {
            LOG.warning("Upload of image " + imageId + " refused: " + refused.getMessage() + " (inspection found "
                    + inspected + ")");
            throw new GlanceException(
                    ErrorCategory.UNSUPPORTED_MEDIA_TYPE, REFUSED_MEDIA + refused.getMessage(), refused);
        }
    }

    /** Checks the request and moves the image to saving for this node; returns the image as saved. */
    private Image markSaving(
            RequestContext context, ImagePolicy policy, String imageId, long declaredSize, ImageStore target) {
        return RevisionRetry.run(() -> {
            ImageAccess.Found found = access.load(context, policy, imageId);
            Image image = found.image();
            policy.enforce("upload_image", image, found.memberId());
            Image saving = ImageLifecycle.of(image).moveTo(ImageStatus.SAVING, time.after(image.updatedAt()));
            (target != null ? target : stores.defaultStore()).require(StoreCapability.WRITE);
            if (declaredSize > settings.imageSizeCap()) {
                throw GlanceException.tooLarge("The incoming image is too large: The provided image is too large.");
            }
            return images.update(
                    saving.toBuilder().property(UPLOAD_NODE, settings.nodeId()).build());
        });
    }

    /** Activates an image whose bytes went to the store as they were sent (no conversion): tus completions. */
    Image activate(String imageId, ImageStore store, StoredObject stored, String md5, String hash, Long virtualSize) {
        return activate(imageId, store, stored, md5, hash, virtualSize, null, Map.of());
    }

    Image activate(
            String imageId,
            ImageStore store,
            StoredObject stored,
            String md5,
            String hash,
            Long virtualSize,
            String convertedTo,
            Map<String, String> original) {
        return RevisionRetry.run(() -> {
            Image current = images.find(imageId).orElse(null);
            if (current == null || current.isDeleted()) {
                throw GlanceException.notFound("Image " + imageId + " could not be found after upload. The image "
                        + "may have been deleted during the upload, cleaning up the chunks uploaded.");
            }
            if (current.status() != ImageStatus.SAVING) {
                throw GlanceException.conflict(
                        "Image status transition from " + current.status().wireName() + " to active is not allowed");
            }
            if (!settings.nodeId().equals(current.properties().get(UPLOAD_NODE))) {
                // this node's lease ended and another node put the upload back (and perhaps a new one began)
                throw GlanceException.conflict("The upload of image " + imageId + " was taken over by another "
                        + "glance4j node after this node's lease ended; upload the data again");
            }
            Image.Builder active =
                    ImageLifecycle.of(current).moveTo(ImageStatus.ACTIVE, time.after(current.updatedAt())).toBuilder()
                            .size(stored.size())
                            .virtualSize(virtualSize)
                            .checksum(md5)
                            .osHashAlgo(hashAlgorithm.glanceName())
                            .osHashValue(hash)
                            .locations(List.of(
                                    new ImageLocation(stored.location(), store.id(), Map.of("store", store.id()))))
                            .removeProperty(UPLOAD_NODE);
            if (convertedTo != null) {
                // the image describes the stored bytes, the properties what the client sent
                original.forEach(active::property);
                active.diskFormat(convertedTo).containerFormat("bare");
            }
            return images.update(active.build());
        });
    }

    /**
     * The {@code virtual_size} of bytes that were not inspected (a location added by URL): only raw is known, its
     * virtual size is its size, and a zero-byte image keeps none.
     */
    static Long virtualSize(String diskFormat, long size) {
        return "raw".equals(diskFormat) && size > 0 ? size : null;
    }

    GlanceException reportable(Throwable e, GlanceException ownRefusal, ImageStore store) {
        if (ownRefusal != null) {
            return ownRefusal;
        }
        if (e instanceof UnsupportedStoreOperationException u) {
            return u;
        }
        if (e instanceof GlanceException g) {
            if (g.category() == ErrorCategory.TOO_LARGE) {
                return new GlanceException(
                        ErrorCategory.TOO_LARGE, "Image storage media is full: " + g.getMessage(), g);
            }
            return g;
        }
        LOG.log(Level.SEVERE, "Failed to upload image data to store '" + store.id() + "' due to internal error", e);
        return new GlanceException(ErrorCategory.INTERNAL, "Failed to upload image data due to internal error", e);
    }

    /** Puts an image left saving by a failed upload back to queued; leaves any other status alone. */
    void returnToQueued(String imageId) {
        try {
            RevisionRetry.run(() -> {
                Image current = images.find(imageId).orElse(null);
                if (current == null
                        || current.status() != ImageStatus.SAVING
                        || !settings.nodeId().equals(current.properties().get(UPLOAD_NODE))) {
                    return current; // not this node's upload any more: another node put it back
                }
                return images.update(queued(current, time));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Unable to restore image " + imageId + " to queued", e);
        }
    }

    /** An image in saving, back to queued, without the upload's node. */
    static Image queued(Image saving, Timestamps time) {
        return ImageLifecycle.of(saving).moveTo(ImageStatus.QUEUED, time.after(saving.updatedAt())).toBuilder()
                .removeProperty(UPLOAD_NODE)
                .build();
    }

    static void deleteQuietly(ImageStore store, String location, String imageId) {
        try {
            store.delete(location);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Cannot delete the data of image " + imageId + " at " + location + " in store '" + store.id()
                            + "': " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ download

    @Override
    public Image downloadable(RequestContext context, String imageId) {
        ImagePolicy policy = new ImagePolicy(policies, context);
        ImageAccess.Found found = access.load(context, policy, imageId);
        Image image = found.image();
        if (image.status() == ImageStatus.DEACTIVATED && !policy.isAdmin()) {
            throw GlanceException.forbidden(
                    "The requested image has been deactivated. Image data download is forbidden.");
        }
        policy.enforce("download_image", image, found.memberId());
        return image;
    }

    @Override
    public ImageDownload download(RequestContext context, String imageId, RangeRequest range) {
        Image image = downloadable(context, imageId);
        if (!image.hasData()) {
            return ImageDownload.noData(image);
        }
        long size = image.size() == null ? 0 : image.size();
        ByteRange byteRange = range == null ? null : ByteRangeResolver.resolve(range, size);
        ImageDownload cached = cache.serve(image, byteRange);
        if (cached != null) {
            return cached;
        }
        InputStream body = readFromStores(image, byteRange);
        if (body == null) {
            // glance_store's NotFound answers as if the image had no data (HTTP 204), as Glance does
            return ImageDownload.noData(image);
        }
        body = cache.fill(image, body, byteRange != null);
        return byteRange == null
                ? new ImageDownload(image, body, 0, size, size, false)
                : new ImageDownload(image, body, byteRange.offset(), byteRange.length(), size, true);
    }

    /**
     * Opens the bytes of {@code image} (whole when {@code byteRange} is null) from the first of its locations, in
     * store preference order, that can serve them; no policy is checked (the caller did).
     *
     * @return null when every location's store says it holds nothing (the image then has no data)
     * @throws GlanceException the last store failure, or the standard refusal when no store can read the range
     */
    public InputStream readFromStores(Image image, ByteRange byteRange) {
        String imageId = image.id();
        GlanceException last = null;
        UnsupportedStoreOperationException unsupported = null;
        boolean allMissing = true;
        StoreCapability needed = byteRange == null ? StoreCapability.READ : StoreCapability.READ_RANGE;
        for (ImageLocation location : stores.inPreferenceOrder(image.locations())) {
            ImageStore store = stores.byId(location.storeId()).orElse(null);
            if (store == null) {
                allMissing = false;
                last = GlanceException.unavailable(
                        "Store '" + location.storeId() + "' holding the data of image " + imageId
                                + " is not configured.",
                        null);
                continue;
            }
            if (!store.capabilities().contains(needed)) {
                // another location may serve it; refuse in the standard way only when none does
                allMissing = false;
                if (unsupported == null) {
                    unsupported = new UnsupportedStoreOperationException(store.id(), needed);
                }
                continue;
            }
            try {
                return store.read(location.url(), byteRange);
            } catch (UnsupportedStoreOperationException e) {
                allMissing = false;
                unsupported = unsupported == null ? e : unsupported;
            } catch (GlanceException e) {
                if (e.category() == ErrorCategory.RANGE_NOT_SATISFIABLE) {
                    throw e;
                }
                allMissing &= e.category() == ErrorCategory.NOT_FOUND;
                LOG.log(
                        Level.WARNING,
                        "Get image " + imageId + " data from store '" + store.id() + "' failed: " + e.getMessage());
                last = e;
            }
        }
        if (allMissing) {
            return null;
        }
        boolean storeFailed = last != null && last.category() != ErrorCategory.NOT_FOUND;
        throw storeFailed || unsupported == null ? last : unsupported;
    }
}
