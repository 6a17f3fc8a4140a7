package org.glance4j.ports.in;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;

/** The tags of an image ({@code PUT}/{@code DELETE /v2/images/{id}/tags/{tag}}). */
public interface ImageTagService {

    /**
     * Adds a tag; adding a tag the image already has changes nothing and succeeds.
     *
     * @throws GlanceException {@code INVALID} for a tag over 255 characters, {@code TOO_LARGE} over the tag
     *                         quota, {@code NOT_FOUND}, {@code FORBIDDEN}
     */
    void addTag(RequestContext context, String imageId, String tag);

    /**
     * Removes a tag.
     *
     * @throws GlanceException {@code NOT_FOUND} when the image or the tag does not exist, {@code FORBIDDEN}
     */
    void removeTag(RequestContext context, String imageId, String tag);
}
