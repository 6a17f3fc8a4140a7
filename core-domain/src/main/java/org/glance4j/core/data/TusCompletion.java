package org.glance4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.glance4j.core.format.InspectingInputStream;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.TusUpload;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.out.tus.ResumablePartFiles;
import org.glance4j.ports.out.tus.TusUploadRepository;

/**
 * Makes an image active from the bytes of its complete tus upload (a whole one, or the partials of a final one):
 * the image moves to {@code saving} for this node; the parts are read once, in order, for md5, the
 * {@code os_hash_algo} hash, the digests the client stated at creation and the format inspection of a {@code bare}
 * container, under the size cap; then the store writes them as one object ({@link ImageStore#writeComposed}) and the
 * image becomes active as after {@code PUT /file}. A refusal of the bytes deletes the upload and its parts; a failure
 * of the store keeps them, so that a retry can complete. Either way the image is queued again.
 */
record TusCompletion(
        ImageRepository images,
        ImageStores stores,
        DefaultImageDataService data,
        TusUploadRepository uploads,
        ResumablePartFiles parts,
        String nodeId,
        long sizeCap,
        Timestamps time) {

    private static final Logger LOG = Logger.getLogger(TusCompletion.class.getName());

    /** Completes the image of {@code upload} from {@code pieces} (the upload itself, or a final's partials). */
    Image complete(TusUpload upload, List<TusUpload> pieces) {
        String imageId = upload.imageId();
        ImageStore store = upload.storeId() == null
                ? stores.defaultStore()
                : stores.byId(upload.storeId()).orElse(stores.defaultStore());
        Image saving = markSaving(imageId);
        Map<String, String> computed;
        Long virtualSize;
        ParallelDigestInputStream digesting = null;
        try {
            InputStream concatenation = concatenation(pieces);
            InspectingInputStream inspecting =
                    data.formats.inspects(saving.containerFormat()) ? new InspectingInputStream(concatenation) : null;
            StatedDigestCheck check = StatedDigestCheck.of(upload.stated(), saving);
            List<HashAlgorithm> algorithms = new ArrayList<>(List.of(HashAlgorithm.MD5, data.hashAlgorithm));
            algorithms.addAll(check.extraAlgorithms(algorithms));
            digesting = new ParallelDigestInputStream(
                    inspecting == null ? concatenation : inspecting,
                    sizeCap,
                    upload.length(),
                    algorithms.stream().map(HashAlgorithm::newDigest).toList(),
                    data.digestThreads);
            try (InputStream in = digesting) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            List<String> digests = digesting.finish();
            computed = new LinkedHashMap<>();
            for (int i = 0; i < algorithms.size(); i++) {
                computed.put(algorithms.get(i).glanceName(), digests.get(i));
            }
            check.verifyHex(computed);
            virtualSize = inspecting == null
                    ? null
                    : data.judgeFormat(imageId, inspecting.result(), saving.diskFormat(), upload.length());
        } catch (IOException | RuntimeException e) {
            GlanceException own = digesting == null ? null : digesting.failure();
            if (digesting != null) {
                digesting.abort();
            }
            forget(upload, pieces);
            data.returnToQueued(imageId);
            if (own != null) {
                throw own;
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        String md5 = computed.get(HashAlgorithm.MD5.glanceName());
        String hash = computed.get(data.hashAlgorithm.glanceName());
        String convertTo;
        try {
            convertTo = data.conversionTarget(store, saving);
        } catch (RuntimeException e) {
            forget(upload, pieces);
            data.returnToQueued(imageId);
            throw e;
        }
        if (convertTo != null) {
            return completeConverted(upload, pieces, store, saving, convertTo, md5, hash);
        }
        StoredObject stored;
        try {
            stored = store.writeComposed(imageId, imageParts(pieces));
        } catch (RuntimeException e) {
            data.returnToQueued(imageId);
            throw data.reportable(e, null, store);
        }
        try {
            Image active = data.activate(imageId, store, stored, md5, hash, virtualSize);
            forget(upload, pieces);
            LOG.info("Image " + imageId + " is active from tus upload " + upload.id() + " (" + stored.size()
                    + " bytes in " + pieces.size() + " part(s))");
            return active;
        } catch (RuntimeException e) {
            DefaultImageDataService.deleteQuietly(store, stored.location(), imageId);
            forget(upload, pieces);
            data.returnToQueued(imageId);
            throw e;
        }
    }

    /**
     * Completes an upload to a store that keeps another disk format (its {@code image_conversion_output_format}), as
     * {@code PUT /file} does: the parts, already checked, go to the staging area as one file, are converted there
     * and the converted bytes are written to the store; the client's own checksums stay in the image's
     * {@code os_glance_original_*} properties. A failure queues the image again and keeps nothing.
     */
    private Image completeConverted(
            TusUpload upload,
            List<TusUpload> pieces,
            ImageStore store,
            Image saving,
            String convertTo,
            String md5,
            String hash) {
        String imageId = upload.imageId();
        StoreFormatConversion conversion = data.conversion();
        StoredObject stored = null;
        try {
            conversion.staging().delete(imageId); // anything a crashed upload of this image left
            try (InputStream concatenation = concatenation(pieces)) {
                conversion.staging().write(imageId, concatenation);
            }
            StoreFormatConversion.Converted converted =
                    conversion.convertAndStore(imageId, saving.diskFormat(), convertTo, store);
            stored = converted.stored();
            Image active = data.activate(
                    imageId,
                    store,
                    stored,
                    converted.md5(),
                    converted.hash(),
                    converted.virtualSize(),
                    convertTo,
                    StoreFormatConversion.originalData(saving.diskFormat(), md5, hash));
            forget(upload, pieces);
            LOG.info("Image " + imageId + " is active from tus upload " + upload.id() + ", converted to " + convertTo
                    + " for store " + store.id());
            return active;
        } catch (IOException | RuntimeException e) {
            if (stored != null) {
                DefaultImageDataService.deleteQuietly(store, stored.location(), imageId);
            }
            forget(upload, pieces);
            data.returnToQueued(imageId);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        } finally {
            conversion.staging().delete(imageId);
        }
    }

    /** Moves the image from {@code uploading} (or {@code queued}, for a retry) to {@code saving} for this node. */
    private Image markSaving(String imageId) {
        return RevisionRetry.run(() -> {
            Image image = images.find(imageId)
                    .filter(i -> !i.isDeleted())
                    .orElseThrow(() -> GlanceException.notFound("Image " + imageId + " could not be found."));
            Image queued = image.status() == ImageStatus.UPLOADING
                    ? ImageLifecycle.of(image).moveTo(ImageStatus.QUEUED, time.after(image.updatedAt()))
                    : image;
            Image saving = ImageLifecycle.of(queued).moveTo(ImageStatus.SAVING, time.after(image.updatedAt()));
            return images.update(saving.toBuilder()
                    .property(DefaultImageDataService.UPLOAD_NODE, nodeId)
                    .build());
        });
    }

    /** The parts' bytes in order, each part opened when the one before it ends. */
    private InputStream concatenation(List<TusUpload> pieces) {
        Iterator<TusUpload> next = pieces.iterator();
        return new SequenceInputStream(new java.util.Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return open(next.next().id());
            }
        });
    }

    private InputStream open(String partId) {
        return parts.open(partId)
                .orElseThrow(() -> GlanceException.conflict("The bytes of upload " + partId + " are missing."));
    }

    private List<ImagePart> imageParts(List<TusUpload> pieces) {
        List<ImagePart> list = new ArrayList<>();
        for (TusUpload piece : pieces) {
            list.add(new ImagePart(piece.length(), () -> open(piece.id()), parts.localPath(piece.id())));
        }
        return Collections.unmodifiableList(list);
    }

    /** Deletes the records and the bytes of an upload and its pieces. */
    private void forget(TusUpload upload, List<TusUpload> pieces) {
        List<TusUpload> all = new ArrayList<>(pieces);
        if (!pieces.contains(upload)) {
            all.add(upload);
        }
        for (TusUpload each : all) {
            parts.delete(each.id());
            uploads.delete(each.id());
        }
    }
}
