package org.glance4j.ports.in;

import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;

/**
 * The image records of the Images API v2: create, show, list, update, delete. Every call checks the caller's
 * policy and Glance's rules and throws {@link GlanceException} with a category when it refuses.
 *
 * <p>JSON values cross this port as plain JDK objects: {@link String}, {@link Boolean}, {@link Integer},
 * {@link Long} or {@link java.math.BigInteger} for integers, {@link Double} or {@link java.math.BigDecimal} for
 * fractions, {@link List} for arrays, {@link Map} with {@link String} keys for objects, and {@code null}.
 *
 * <p>An image the caller may not see is reported as {@code NOT_FOUND}, exactly like one that does not exist, so
 * that existence does not leak. Deleted images are {@code NOT_FOUND} too.
 */
public interface ImageService {

    /**
     * Creates an image from the request body of {@code POST /v2/images}.
     *
     * @throws GlanceException {@code INVALID} for a bad body, {@code FORBIDDEN} for read-only or reserved
     *                         attributes or a refused policy, {@code CONFLICT} for an id that was ever used
     */
    Image create(RequestContext context, Map<String, Object> body);

    /**
     * Shows one image.
     *
     * @throws GlanceException {@code NOT_FOUND} when it does not exist, is deleted, or is hidden from the caller
     */
    Image get(RequestContext context, String imageId);

    /**
     * Lists the images the caller can see, one page at a time.
     *
     * @throws GlanceException {@code INVALID} for a bad limit, marker, sort or filter; {@code FORBIDDEN} when the
     *                         policy refuses listing or the marker is an image the caller may not see
     */
    ImageList list(RequestContext context, ListParameters parameters);

    /**
     * Applies a JSON patch atomically: either every operation is applied or none is.
     *
     * @throws GlanceException {@code INVALID} for a malformed operation or value, {@code FORBIDDEN} for a
     *                         read-only attribute or refused policy, {@code NOT_FOUND}, {@code CONFLICT} when the
     *                         image's state forbids the change
     */
    Image update(RequestContext context, String imageId, List<PatchOperation> operations);

    /**
     * Deletes an image. Its id can never be used again.
     *
     * @throws GlanceException {@code FORBIDDEN} when protected or refused by policy, {@code NOT_FOUND}
     */
    void delete(RequestContext context, String imageId);
}
