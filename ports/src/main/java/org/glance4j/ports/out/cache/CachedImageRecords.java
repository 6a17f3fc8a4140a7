package org.glance4j.ports.out.cache;

import java.time.Instant;
import java.util.List;
import org.glance4j.ports.model.CachedImage;

/**
 * What the server nodes' image caches hold and are asked to hold, in the shared database (Glance's
 * {@code centralized_db} cache driver): per node, the cached images with their hits and access times, and the queue
 * of images to cache. A node reads and changes only its own rows (named by its node id).
 *
 * <p>Every call is atomic; implementations are thread-safe and take every time from the caller. Failures of the
 * storage itself are thrown as {@code GlanceException} with category {@code UNAVAILABLE}; an unknown node or image
 * is never an error. Growth rule: add every new method to {@code CachedImageRecordsContractTest} in the same change.
 */
public interface CachedImageRecords {

    /**
     * Records that {@code nodeId} holds a complete copy of {@code imageId} of {@code size} bytes since {@code now},
     * with no hits yet; replaces an older record of the same copy.
     */
    void recordCached(String nodeId, String imageId, long size, Instant now);

    /**
     * Counts one download served from the copy and moves its last access to {@code now}.
     *
     * @return false when the node has no record of the image
     */
    boolean recordHit(String nodeId, String imageId, Instant now);

    /** The node's cached images, least recently accessed first (ties by image id). */
    List<CachedImage> cached(String nodeId);

    /**
     * Forgets the node's copy of the image.
     *
     * @return false when there was no record
     */
    boolean removeCached(String nodeId, String imageId);

    /** Forgets every copy of the node; returns how many records went. */
    int removeAllCached(String nodeId);

    /**
     * Queues the image for caching on the node, at {@code now}.
     *
     * @return false, changing nothing, when it is queued already
     */
    boolean enqueue(String nodeId, String imageId, Instant now);

    /** The node's queued image ids, oldest first (ties by image id). */
    List<String> queued(String nodeId);

    /**
     * Takes the image off the node's queue.
     *
     * @return false when it was not queued
     */
    boolean dequeue(String nodeId, String imageId);

    /** Empties the node's queue; returns how many entries went. */
    int clearQueue(String nodeId);
}
