package org.glance4j.core.cache;

import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.model.RequestContext;

/** Deactivation that also removes the image's copy from this node's cache (it is never served from there again). */
public final class EvictingImageActions implements ImageActionService {
    private final ImageActionService actions;
    private final NodeImageCache cache;

    public EvictingImageActions(ImageActionService actions, NodeImageCache cache) {
        this.actions = actions;
        this.cache = cache;
    }

    @Override
    public void deactivate(RequestContext context, String imageId) {
        actions.deactivate(context, imageId);
        cache.delete(imageId);
    }

    @Override
    public void reactivate(RequestContext context, String imageId) {
        actions.reactivate(context, imageId);
    }
}
