package org.glance4j.ports.in;

import java.util.List;
import org.glance4j.ports.model.CacheCounters;
import org.glance4j.ports.model.CachedImage;
import org.glance4j.ports.model.RequestContext;

/**
 * The image cache of this server node ({@code [DEFAULT] image_cache_dir}), as Glance's cache management API
 * ({@code /v2/cache}, API 2.14 to 2.18) offers it: what is cached and queued, queueing an image for caching, and
 * removing images from the cache or the queue. Every call checks its policy ({@code cache_list},
 * {@code cache_image}, {@code cache_delete}, {@code cache_clean}, {@code cache_prune}; admin by default): a refusal is
 * {@code FORBIDDEN}. On a node without a cache every call, once the policy allows it, is {@code NOT_FOUND}
 * ("Caching via API is not supported at this site."), as in Glance.
 */
public interface ImageCacheService {

    /** Whether this node has an image cache; without one the API versions of the cache are not published. */
    boolean enabled();

    /** {@code GET /v2/cache}: the cached images of this node, and the queued image ids oldest first. */
    CacheState state(RequestContext context);

    /**
     * {@code PUT /v2/cache/{image_id}}: queues an image for caching; this node's prefetcher caches it on its next
     * run.
     *
     * @throws org.glance4j.ports.error.GlanceException {@code NOT_FOUND} for an image the caller cannot see,
     *         {@code INVALID} when the image is not active
     */
    void queue(RequestContext context, String imageId);

    /**
     * {@code DELETE /v2/cache/{image_id}}: removes the image from the cache and from the queue.
     *
     * @throws org.glance4j.ports.error.GlanceException {@code NOT_FOUND} when there is no such image and the cache
     *         and queue do not name it either
     */
    void delete(RequestContext context, String imageId);

    /**
     * {@code DELETE /v2/cache}: empties the cache, the queue, or both; returns how many entries went.
     *
     * @param target Glance's clear target as the client wrote it ({@code x-image-cache-clear-target}):
     *               {@code cache}, {@code queue}, or empty or null for both, in any case
     * @throws org.glance4j.ports.error.GlanceException {@code INVALID} for any other target, once the policy
     *         allows the call
     */
    Cleared clear(RequestContext context, String target);

    /** {@code POST /v2/cache/clean}: removes stalled partial fills and entries of images that are no longer active. */
    void clean(RequestContext context);

    /** {@code POST /v2/cache/prune}: removes least recently used images until the cache fits its maximum size. */
    Pruned prune(RequestContext context);

    /** The counters and the size of this node's cache, without a policy check (for the operator and metrics). */
    CacheCounters counters();

    /** What {@link #clear} empties. */
    enum ClearTarget {
        CACHE,
        QUEUE,
        BOTH;

        /**
         * Glance's reading of a clear target: {@code cache}, {@code queue}, or empty or null for both, in any case.
         *
         * @throws org.glance4j.ports.error.GlanceException {@code INVALID} with Glance's message for anything else
         */
        public static ClearTarget parse(String target) {
            String word = target == null ? "" : target.toLowerCase(java.util.Locale.ROOT);
            return switch (word) {
                case "" -> BOTH;
                case "cache" -> CACHE;
                case "queue" -> QUEUE;
                default ->
                    throw org.glance4j.ports.error.GlanceException.invalid(
                            "If provided " + "'x-image-cache-clear-target' must be 'cache', 'queue' or empty string.");
            };
        }
    }

    /** The cached images and the queued image ids. */
    record CacheState(List<CachedImage> cached, List<String> queued) {
        public CacheState {
            cached = List.copyOf(cached);
            queued = List.copyOf(queued);
        }
    }

    /** How many cached images and queue entries {@link #clear} removed (0 for a target it was not asked). */
    record Cleared(int cacheDeleted, int queueDeleted) {}

    /** How many cached files, and how many bytes, {@link #prune} removed. */
    record Pruned(int files, long bytes) {}
}
