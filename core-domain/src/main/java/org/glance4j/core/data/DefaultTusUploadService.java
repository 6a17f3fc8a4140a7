package org.glance4j.core.data;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.core.image.ImageAccess;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.quota.UnifiedLimits;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.TusUploadService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.TusUpload;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.tus.ResumablePartFiles;
import org.glance4j.ports.out.tus.TusUploadRepository;

/**
 * Resumable (tus) uploads with Glance's rules; see {@link TusUploadService}. The records live in a
 * {@link TusUploadRepository} and the bytes in {@link ResumablePartFiles}, both shared by every node, so any node
 * serves any request and a restart loses no acknowledged byte. While an image has uploads it shows
 * {@code uploading}, as a staged image does; no node is recorded for it, so a dead node's recovery leaves an idle
 * upload alone. An upload expires {@code expiry} after its last append (see {@link #expire()}); completion is
 * {@link TusCompletion}'s.
 */
public final class DefaultTusUploadService implements TusUploadService {

    private static final Logger LOG = Logger.getLogger(DefaultTusUploadService.class.getName());
    private static final int EXPIRY_BATCH = 100;
    /** Import's property naming the node that staged an image (core.importing's ImportProperties.STAGE_HOST). */
    private static final String STAGE_HOST = "os_glance_stage_host";

    private final ImageRepository images;
    private final PolicyEngine policies;
    private final ImageAccess access;
    private final ImageStores stores;
    private final TusUploadRepository uploads;
    private final ResumablePartFiles parts;
    private final Duration expiry;
    private final long sizeCap;
    private final Clock clock;
    private final Timestamps time;
    private final UnifiedLimits limits;
    private final TusCompletion completion;

    /**
     * @param data   the plain upload service, whose activation and checks a completed upload shares
     * @param expiry how long an upload lives after its last append ({@code tus_upload_expiry})
     */
    public DefaultTusUploadService(
            ImageRepository images,
            ImageMemberRepository members,
            PolicyEngine policies,
            ImageStores stores,
            DefaultImageDataService data,
            TusUploadRepository uploads,
            ResumablePartFiles parts,
            Duration expiry,
            Clock clock,
            UnifiedLimits limits,
            long sizeCap,
            String nodeId) {
        this.images = images;
        this.policies = policies;
        this.access = new ImageAccess(images, members);
        this.stores = stores;
        this.uploads = uploads;
        this.parts = parts;
        this.expiry = expiry;
        this.sizeCap = sizeCap;
        this.clock = clock;
        this.time = new Timestamps(clock);
        this.limits = limits;
        this.completion = new TusCompletion(images, stores, data, uploads, parts, nodeId, sizeCap, time);
    }

    @Override
    public long maxSize() {
        return sizeCap;
    }

    // ------------------------------------------------------------------------------------------------ create

    @Override
    public Progress create(RequestContext context, String imageId, Creation creation) {
        StatedDigestCheck.of(creation.stated()); // an algorithm this server cannot compute is refused first
        ImageStore store = targetStore(creation.storeId());
        ImagePolicy policy = new ImagePolicy(policies, context);
        ImageAccess.Found found = access.load(context, policy, imageId);
        policy.enforce("upload_image", found.image(), found.memberId());
        List<TusUpload> partials = creation.kind() == TusUpload.Kind.FINAL ? partialsOf(imageId, creation) : List.of();
        long length = creation.kind() == TusUpload.Kind.FINAL
                ? partials.stream().mapToLong(TusUpload::length).sum()
                : creation.length();
        if (length < 0) {
            throw GlanceException.invalid("Upload-Length must be a non-negative integer.");
        }
        if (length > sizeCap) {
            throw GlanceException.tooLarge("The incoming image is too large: The provided image is too large.");
        }
        store.require(StoreCapability.WRITE);
        limits.checkStoredSize(context.projectId(), length);
        Instant now = clock.instant();
        TusUpload upload = new TusUpload(
                UUID.randomUUID().toString(),
                imageId,
                length,
                creation.kind(),
                partials.stream().map(TusUpload::id).toList(),
                creation.metadata(),
                creation.stated(),
                creation.storeId(),
                now,
                now.plus(expiry));
        if (upload.kind() != TusUpload.Kind.FINAL) {
            parts.create(upload.id());
        }
        uploads.create(upload); // before the image moves, so that a concurrent creation finds it uploading by tus
        try {
            markUploading(imageId);
        } catch (RuntimeException e) {
            parts.delete(upload.id());
            uploads.delete(upload.id());
            throw e;
        }
        LOG.info("Tus upload " + upload.id() + " of image " + imageId + " created (" + upload.kind() + ", " + length
                + " bytes)");
        if (upload.kind() == TusUpload.Kind.FINAL && allComplete(partials)) {
            completion.complete(upload, partials);
            return new Progress(upload, length, true);
        }
        if (upload.kind() == TusUpload.Kind.WHOLE && length == 0) {
            completion.complete(upload, List.of(upload));
            return new Progress(upload, 0, true);
        }
        return progressOf(upload, false);
    }

    private ImageStore targetStore(String storeId) {
        if (storeId == null || !stores.multiple()) {
            return stores.defaultStore();
        }
        return stores.byId(storeId)
                .orElseThrow(() -> GlanceException.invalid("Store for identifier " + storeId + " not found"));
    }

    private List<TusUpload> partialsOf(String imageId, Creation creation) {
        if (creation.partials().isEmpty()) {
            throw GlanceException.invalid("A final upload names at least one partial upload.");
        }
        List<TusUpload> partials = new ArrayList<>();
        for (String id : creation.partials()) {
            TusUpload partial = uploads.find(id)
                    .filter(u -> u.imageId().equals(imageId) && u.kind() == TusUpload.Kind.PARTIAL)
                    .orElseThrow(() -> GlanceException.invalid(
                            "Upload " + id + " is not a partial upload of image " + imageId + "."));
            partials.add(partial);
        }
        return partials;
    }

    /**
     * Moves a queued image to uploading (checking, as an upload does, that it has both formats); an image already
     * uploading through tus (not staged: no staging node, no stage host) stays so. Anything else is
     * {@code CONFLICT}.
     */
    private void markUploading(String imageId) {
        RevisionRetry.run(() -> {
            Image image = images.find(imageId)
                    .orElseThrow(() -> GlanceException.notFound("No image found with ID " + imageId));
            Instant now = time.after(image.updatedAt());
            if (image.status() == ImageStatus.UPLOADING && !staged(image)) {
                return image;
            }
            if (image.status() != ImageStatus.QUEUED) {
                throw GlanceException.conflict(
                        "Image status transition from " + image.status().wireName() + " to uploading is not allowed");
            }
            ImageLifecycle.of(image).moveTo(ImageStatus.SAVING, now); // refuses an image without formats
            return images.update(ImageLifecycle.of(image).moveTo(ImageStatus.UPLOADING, now));
        });
    }

    /**
     * Whether an uploading image is being staged or was staged (glance-direct's properties, which import keeps: the
     * staging node and the stage host), rather than uploading through tus.
     */
    private static boolean staged(Image image) {
        return image.properties().containsKey(DefaultImageDataService.UPLOAD_NODE)
                || image.properties().containsKey(STAGE_HOST);
    }

    // ------------------------------------------------------------------------------------------------ append

    @Override
    public Progress append(
            RequestContext context,
            String imageId,
            String uploadId,
            long offset,
            InputStream data,
            StatedDigest chunkDigest) {
        TusUpload upload = load(context, imageId, uploadId);
        if (upload.kind() == TusUpload.Kind.FINAL) {
            throw GlanceException.forbidden("A final upload takes no bytes of its own; send them to its partials.");
        }
        long current = offsetOf(upload);
        if (offset != current) {
            throw GlanceException.conflict(
                    "Upload-Offset " + offset + " does not match the upload's offset " + current + ".");
        }
        InputStream limited = new TusChunkLimit(data, upload.length() - offset);
        long size;
        if (chunkDigest == null) {
            size = parts.append(upload.id(), offset, limited, true, () -> {});
        } else {
            StatedDigestCheck.Watched watched =
                    StatedDigestCheck.of(List.of(chunkDigest)).watch(limited);
            size = parts.append(upload.id(), offset, watched.stream(), false, () -> verifyChunk(watched));
        }
        TusUpload renewed = upload.expiringAt(clock.instant().plus(expiry));
        uploads.renew(upload.id(), renewed.expiresAt());
        if (size < upload.length()) {
            return new Progress(renewed, size, false);
        }
        return new Progress(renewed, size, completeAfter(renewed));
    }

    private static void verifyChunk(StatedDigestCheck.Watched watched) {
        try {
            watched.verify();
        } catch (GlanceException e) {
            throw new GlanceException(
                    ErrorCategory.CHECKSUM_MISMATCH,
                    e.getMessage().replace("The data was not kept", "The chunk" + " was discarded"),
                    e);
        }
    }

    /** Completes what a complete upload completes: its image, or the finals waiting for this partial. */
    private boolean completeAfter(TusUpload upload) {
        if (upload.kind() == TusUpload.Kind.WHOLE) {
            completion.complete(upload, List.of(upload));
            return true;
        }
        for (TusUpload candidate : uploads.ofImage(upload.imageId())) {
            if (candidate.kind() == TusUpload.Kind.FINAL && candidate.partials().contains(upload.id())) {
                List<TusUpload> partials = candidate.partials().stream()
                        .map(id -> uploads.find(id).orElse(null))
                        .toList();
                if (!partials.contains(null) && allComplete(partials)) {
                    return completeUnlessRunning(candidate, partials);
                }
            }
        }
        return false;
    }

    /**
     * Completes a final upload whose partials are all complete, unless another request (the last bytes of another
     * partial, arriving at the same time) already does: then this one's bytes are kept and it answers as usual.
     */
    private boolean completeUnlessRunning(TusUpload finalUpload, List<TusUpload> partials) {
        try {
            completion.complete(finalUpload, partials);
            return true;
        } catch (GlanceException e) {
            ImageStatus now =
                    images.find(finalUpload.imageId()).map(Image::status).orElse(null);
            if (e.category() == ErrorCategory.CONFLICT && (now == ImageStatus.SAVING || now == ImageStatus.ACTIVE)) {
                return false;
            }
            throw e;
        }
    }

    private boolean allComplete(List<TusUpload> partials) {
        for (TusUpload partial : partials) {
            if (offsetOf(partial) != partial.length()) {
                return false;
            }
        }
        return true;
    }

    private long offsetOf(TusUpload upload) {
        return parts.size(upload.id())
                .orElseThrow(() -> GlanceException.notFound("The bytes of upload " + upload.id() + " are gone."));
    }

    // ------------------------------------------------------------------------------------------------ progress

    @Override
    public Progress progress(RequestContext context, String imageId, String uploadId) {
        return progressOf(load(context, imageId, uploadId), false);
    }

    private Progress progressOf(TusUpload upload, boolean active) {
        if (upload.kind() != TusUpload.Kind.FINAL) {
            return new Progress(upload, offsetOf(upload), active);
        }
        List<TusUpload> partials = upload.partials().stream()
                .map(id -> uploads.find(id).orElse(null))
                .toList();
        return new Progress(upload, !partials.contains(null) && allComplete(partials) ? upload.length() : -1, active);
    }

    // ------------------------------------------------------------------------------------------------ terminate

    @Override
    public void terminate(RequestContext context, String imageId, String uploadId) {
        TusUpload upload = load(context, imageId, uploadId);
        forget(upload);
        LOG.info("Tus upload " + uploadId + " of image " + imageId + " terminated");
    }

    /**
     * Deletes every upload that expired, with its bytes; an image left without uploads is queued again. Called
     * periodically.
     *
     * @return how many uploads expired
     */
    public int expire() {
        int expired = 0;
        while (true) {
            List<TusUpload> batch = uploads.expired(clock.instant(), EXPIRY_BATCH);
            if (batch.isEmpty()) {
                return expired;
            }
            for (TusUpload upload : batch) {
                forget(upload);
                expired++;
                LOG.warning("Tus upload " + upload.id() + " of image " + upload.imageId() + " expired at "
                        + upload.expiresAt() + "; its bytes are deleted");
            }
        }
    }

    private void forget(TusUpload upload) {
        parts.delete(upload.id());
        uploads.delete(upload.id());
        if (uploads.ofImage(upload.imageId()).isEmpty()) {
            queueAgain(upload.imageId());
        }
    }

    /** An image still uploading without any tus upload left goes back to queued. */
    private void queueAgain(String imageId) {
        try {
            RevisionRetry.run(() -> {
                Image image = images.find(imageId).orElse(null);
                if (image == null
                        || image.status() != ImageStatus.UPLOADING
                        || !uploads.ofImage(imageId).isEmpty()) {
                    return image;
                }
                return images.update(
                        ImageLifecycle.of(image).moveTo(ImageStatus.QUEUED, time.after(image.updatedAt())));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Unable to restore image " + imageId + " to queued", e);
        }
    }

    /** The upload, checking the {@code upload_image} policy on its image; NOT_FOUND when gone or expired. */
    private TusUpload load(RequestContext context, String imageId, String uploadId) {
        ImagePolicy policy = new ImagePolicy(policies, context);
        ImageAccess.Found found = access.load(context, policy, imageId);
        policy.enforce("upload_image", found.image(), found.memberId());
        return uploads.find(uploadId)
                .filter(u -> u.imageId().equals(imageId))
                .filter(u -> u.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> GlanceException.notFound("Upload " + uploadId + " not found."));
    }
}
