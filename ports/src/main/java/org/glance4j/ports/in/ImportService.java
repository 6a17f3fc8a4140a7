package org.glance4j.ports.in;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StatedDigest;

/**
 * Interoperable image import: staging bytes ({@code PUT /v2/images/{id}/stage}), starting an import
 * ({@code POST /v2/images/{id}/import}) and what a site offers ({@code GET /v2/info/import}).
 *
 * <p>An import runs in the background, off the caller's thread; its progress is the image's status
 * ({@code importing}, then {@code active}, or {@code queued} again on failure), the image properties
 * {@code os_glance_importing_to_stores} and {@code os_glance_failed_import} (comma-separated store ids), and the
 * task it creates (see {@link TaskService}).
 */
public interface ImportService {

    /** The import methods this site enables, in configured order (the {@code OpenStack-image-import-methods}). */
    List<String> enabledMethods();

    /**
     * Puts the bytes of a queued image in the staging area and moves it to {@code uploading}, with its
     * {@code size} set. On any failure the staged bytes are removed and the image is queued again.
     *
     * @param declaredSize the size the client announced, or -1
     * @throws GlanceException {@code NOT_FOUND} when glance-direct is not enabled or the image is not found,
     *                         {@code FORBIDDEN} by policy, {@code CONFLICT} when the image is not queued or already
     *                         has staged data, {@code TOO_LARGE} over {@code image_size_cap}, {@code INVALID} when
     *                         the content does not match the declared disk format
     */
    Image stage(RequestContext context, String imageId, InputStream data, long declaredSize);

    /**
     * Stages the bytes of a queued image as {@link #stage(RequestContext, String, InputStream, long)} does, and
     * checks them against the digests the client states, computed while the bytes stream (only the algorithms
     * asked for). A digest that differs is {@code INVALID}, naming the stated and the received value as the
     * client wrote it; the staged bytes are removed and the image is {@code queued} again. The default serves
     * stages without stated digests only.
     *
     * @param stated the digests the client states; empty for none
     * @throws GlanceException {@code INVALID} when a digest differs, {@code NOT_IMPLEMENTED} from the default when
     *                         digests are stated, and every refusal of the stage without them
     */
    default Image stage(
            RequestContext context, String imageId, InputStream data, long declaredSize, List<StatedDigest> stated) {
        if (!stated.isEmpty()) {
            throw new GlanceException(
                    org.glance4j.ports.error.ErrorCategory.NOT_IMPLEMENTED,
                    "This server cannot check the checksums a client states.");
        }
        return stage(context, imageId, data, declaredSize);
    }

    /**
     * Starts an import of an image from the request body of {@code POST /v2/images/{id}/import} (JSON values as
     * {@link ImageService} describes them) and returns at once.
     *
     * @param storeHeader the {@code X-Image-Meta-Store} header, or null
     * @return the id of the task that runs the import
     * @throws GlanceException {@code INVALID} for a malformed body, an unknown method or a refused web-download
     *                         URI; {@code CONFLICT} when the image's status does not allow this method, its formats
     *                         are not set, another import holds the image's lock, or a store is unknown;
     *                         {@code FORBIDDEN}; {@code NOT_FOUND}
     */
    String importImage(RequestContext context, String imageId, Map<String, Object> body, String storeHeader);

    /** The body of {@code GET /v2/info/import}: {@code {"import-methods": {...}}}, as JSON values. */
    Map<String, Object> importInfo(RequestContext context);
}
