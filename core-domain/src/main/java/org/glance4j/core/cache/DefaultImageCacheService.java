package org.glance4j.core.cache;

import org.glance4j.core.image.ImageAccess;
import org.glance4j.core.image.ImageServiceParts;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.ImageTargets;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageCacheService;
import org.glance4j.ports.model.CacheCounters;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;

/**
 * Glance's cache management API over this node's cache, with its order of checks: the image is looked up first
 * (404 "Image ... not found." for one the caller cannot see), then the policy ({@code FORBIDDEN}), then whether the
 * node has a cache at all (404 "Caching via API is not supported at this site."), then the image's status.
 * {@code cache} is null on a node without a cache.
 */
public final class DefaultImageCacheService implements ImageCacheService {

    static final String NOT_SUPPORTED = "Caching via API is not supported at this site.";
    static final String DENIED = "Access was denied to this resource.";

    private final NodeImageCache cache;
    private final PolicyEngine policies;
    private final ImageAccess access;

    public DefaultImageCacheService(NodeImageCache cache, ImageServiceParts parts) {
        this.cache = cache;
        this.policies = parts.policies();
        this.access = parts.access();
    }

    @Override
    public boolean enabled() {
        return cache != null;
    }

    @Override
    public CacheState state(RequestContext context) {
        NodeImageCache on = enforce(context, "cache_list", null, null);
        return new CacheState(on.cached(), on.queued());
    }

    @Override
    public void queue(RequestContext context, String imageId) {
        ImageAccess.Found found = find(context, imageId);
        if (found == null) {
            throw GlanceException.notFound("Image " + imageId + " not found.");
        }
        NodeImageCache on = enforce(context, "cache_image", found.image(), found.memberId());
        if (found.image().status() != ImageStatus.ACTIVE) {
            throw GlanceException.invalid("Only images with status active can be targeted for queueing");
        }
        on.queue(imageId);
    }

    @Override
    public void delete(RequestContext context, String imageId) {
        ImageAccess.Found found = find(context, imageId);
        if (found == null && (cache == null || !cache.holds(imageId))) {
            throw GlanceException.notFound("Image " + imageId + " not found.");
        }
        NodeImageCache on = enforce(
                context, "cache_delete", found == null ? null : found.image(), found == null ? null : found.memberId());
        on.delete(imageId);
    }

    @Override
    public Cleared clear(RequestContext context, String target) {
        NodeImageCache on = enforce(context, "cache_delete", null, null);
        return on.clear(ClearTarget.parse(target));
    }

    @Override
    public void clean(RequestContext context) {
        enforce(context, "cache_clean", null, null).clean();
    }

    @Override
    public Pruned prune(RequestContext context) {
        return enforce(context, "cache_prune", null, null).prune();
    }

    @Override
    public CacheCounters counters() {
        return cache == null ? CacheCounters.NONE : cache.counters();
    }

    /** The image as the caller may see it, or null when there is none for the caller. */
    private ImageAccess.Found find(RequestContext context, String imageId) {
        try {
            return access.load(context, new ImagePolicy(policies, context), imageId);
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** Checks {@code rule} on the image (or the caller's project), then that there is a cache; returns it. */
    private NodeImageCache enforce(RequestContext context, String rule, Image image, String memberId) {
        boolean allowed = image == null
                ? policies.allows(rule, context, ImageTargets.project(context.projectId()))
                : new ImagePolicy(policies, context).check(rule, image, memberId);
        if (!allowed) {
            throw GlanceException.forbidden(DENIED);
        }
        if (cache == null) {
            throw GlanceException.notFound(NOT_SUPPORTED);
        }
        return cache;
    }
}
