package org.glance4j.ports.in;

import java.io.InputStream;
import java.util.List;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.TusUpload;

/**
 * Resumable uploads of image data with the tus 1.0.0 protocol ({@code /v2/images/{id}/tus}): an upload is created
 * for a queued image, which then shows {@code uploading}; its bytes arrive in as many appends as the client likes;
 * when the last byte of a whole upload (or of the last partial of a final one) arrives, the image becomes active
 * exactly as after {@link ImageDataService#upload}. Every call checks the {@code upload_image} policy on the image;
 * an upload of another image, or one that expired, is {@code NOT_FOUND}.
 */
public interface TusUploadService {

    /** What a client asks for when it creates an upload. */
    record Creation(
            long length,
            TusUpload.Kind kind,
            List<String> partials,
            String metadata,
            List<StatedDigest> stated,
            String storeId) {
        public Creation {
            partials = List.copyOf(partials);
            stated = List.copyOf(stated);
        }
    }

    /**
     * An upload and how far it got.
     *
     * @param offset the bytes received, or -1 for a final upload whose partials are not all complete
     * @param imageActive whether the image became active with this upload
     */
    record Progress(TusUpload upload, long offset, boolean imageActive) {}

    /** The largest upload accepted ({@code image_size_cap}). */
    long maxSize();

    /**
     * Creates an upload. A final upload names partial uploads of the same image; its length is theirs together, and
     * it completes the image at once when they are all complete.
     *
     * @throws GlanceException {@code TOO_LARGE} over {@code image_size_cap}, {@code CONFLICT} when the image is
     *                         neither queued nor uploading through tus, {@code INVALID} without disk and container
     *                         formats, for a negative length, an unknown store, or a final upload naming an upload
     *                         that is not a partial one of this image, {@code FORBIDDEN}, {@code NOT_FOUND}
     */
    Progress create(RequestContext context, String imageId, Creation creation);

    /**
     * Appends bytes at {@code offset}. When {@code chunkDigest} is given the bytes are kept only if they match it;
     * otherwise bytes received before a broken connection are kept. Completes the image when the last byte arrives.
     *
     * @param chunkDigest the digest of these bytes ({@code Upload-Checksum}), or null
     * @throws GlanceException {@code CONFLICT} when {@code offset} is not the upload's offset,
     *                         {@code CHECKSUM_MISMATCH} when the bytes do not match {@code chunkDigest},
     *                         {@code INVALID} for more bytes than the upload's length, {@code FORBIDDEN} for a final
     *                         upload, and what completing the image refuses (as {@link ImageDataService#upload})
     */
    Progress append(
            RequestContext context,
            String imageId,
            String uploadId,
            long offset,
            InputStream data,
            StatedDigest chunkDigest);

    /**
     * How far an upload got.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown or expired upload
     */
    Progress progress(RequestContext context, String imageId, String uploadId);

    /**
     * Terminates an upload: its bytes are deleted, and when it was the image's last upload the image is queued again.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown upload
     */
    void terminate(RequestContext context, String imageId, String uploadId);
}
