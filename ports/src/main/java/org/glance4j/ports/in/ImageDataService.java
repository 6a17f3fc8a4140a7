package org.glance4j.ports.in;

import java.io.InputStream;
import java.util.List;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StatedDigest;

/**
 * The bytes of an image ({@code PUT} and {@code GET /v2/images/{id}/file}). Bytes are streamed, never held in
 * memory; checksums ({@code checksum} md5 and the configured {@code os_hash_algo}) are computed once, while the
 * bytes pass.
 */
public interface ImageDataService {

    /**
     * Stores the bytes of a queued image and makes it active. All or nothing: when the upload fails for any reason
     * (the client's stream breaks, the size cap is passed, the store fails) the image returns to {@code queued} and
     * no data is left in the store.
     *
     * @param declaredSize the size the client announced, or -1; a mismatch with what arrives is {@code INVALID}
     * @throws GlanceException {@code CONFLICT} when the image is not queued (a second upload, or one racing
     *                         another), {@code TOO_LARGE} over {@code image_size_cap} or when the store is full,
     *                         {@code INVALID} without disk and container formats, {@code NOT_FOUND},
     *                         {@code FORBIDDEN}
     */
    Image upload(RequestContext context, String imageId, InputStream data, long declaredSize);

    /**
     * Stores the bytes of a queued image in one chosen store ({@code X-Image-Meta-Store}), or in the default store
     * when {@code storeId} is null; otherwise as {@link #upload(RequestContext, String, InputStream, long)}. The
     * default serves only the default store (an implementation with several stores overrides it).
     *
     * @param storeId the id of a configured store, or null for the default one
     * @throws GlanceException {@code INVALID} for a store that is not configured (before any byte is read), and
     *                         every refusal of the upload without a store
     */
    default Image upload(RequestContext context, String imageId, InputStream data, long declaredSize, String storeId) {
        if (storeId != null) {
            throw GlanceException.invalid("Store for identifier " + storeId + " not found");
        }
        return upload(context, imageId, data, declaredSize);
    }

    /**
     * Stores the bytes of a queued image as {@link #upload(RequestContext, String, InputStream, long, String)}
     * does, and checks them against the digests the client states ({@code Content-MD5}, {@code Digest},
     * {@code Repr-Digest}), computed while the bytes stream. A {@code checksum} or {@code os_hash_value} the image
     * record already holds is checked the same way. A digest that differs is {@code INVALID}, naming the stated and
     * the received value as the client wrote it; nothing is kept and the image stays {@code queued}. The default
     * serves uploads without stated digests only.
     *
     * @param stated the digests the client states; empty for none
     * @throws GlanceException {@code INVALID} when a digest differs, {@code NOT_IMPLEMENTED} from the default when
     *                         digests are stated, and every refusal of the upload without them
     */
    default Image upload(
            RequestContext context,
            String imageId,
            InputStream data,
            long declaredSize,
            String storeId,
            List<StatedDigest> stated) {
        if (!stated.isEmpty()) {
            throw new GlanceException(
                    ErrorCategory.NOT_IMPLEMENTED, "This server cannot check the checksums a client states.");
        }
        return upload(context, imageId, data, declaredSize, storeId);
    }

    /**
     * Opens the bytes of an image, whole or one range.
     *
     * @param range null for the whole image
     * @return a download without a body when the image has no data
     * @throws GlanceException {@code RANGE_NOT_SATISFIABLE} for a range outside the image, {@code FORBIDDEN} when
     *                         the policy refuses (a deactivated image, for anyone but an admin), {@code NOT_FOUND}
     */
    ImageDownload download(RequestContext context, String imageId, RangeRequest range);

    /**
     * Checks, exactly as {@link #download} does, that the caller may download the image now, and returns the image
     * without opening its data: the API answers a conditional request ({@code If-None-Match}, the revalidation of a
     * caching proxy) with {@code 304 Not Modified} from the image's checksums alone, so that a proxy's copy costs
     * the store nothing. Whether the image has data is the record's word ({@link Image#hasData()}); the store is
     * not asked. The default opens the whole image and closes it at once, which is correct but reaches the store;
     * implementations override it.
     *
     * @return the image as it is now
     * @throws GlanceException {@code FORBIDDEN} when the policy refuses (a deactivated image, for anyone but an
     *                         admin), {@code NOT_FOUND} for an unknown or deleted image or one the caller cannot see
     */
    default Image downloadable(RequestContext context, String imageId) {
        try (ImageDownload download = download(context, imageId, null)) {
            return download.image();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
