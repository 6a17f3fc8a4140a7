package org.glance4j.ports.in;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;

/** {@code POST /v2/images/{id}/actions/deactivate} and {@code /reactivate}. Both are idempotent. */
public interface ImageActionService {

    /**
     * Deactivates an active image: its data can then be downloaded by admins only.
     *
     * @throws GlanceException {@code FORBIDDEN} when the image is neither active nor deactivated (as Glance) or the
     *                         policy refuses, {@code NOT_FOUND}
     */
    void deactivate(RequestContext context, String imageId);

    /**
     * Reactivates a deactivated image.
     *
     * @throws GlanceException {@code FORBIDDEN} when the image is neither active nor deactivated (as Glance) or the
     *                         policy refuses, {@code NOT_FOUND}
     */
    void reactivate(RequestContext context, String imageId);
}
