package org.glance4j.ports.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One image whose bytes are held in the image cache of one server node.
 *
 * @param imageId      the image
 * @param hits         how many downloads this node served from its cached copy
 * @param lastAccessed when the cached copy was last served (when it was cached, before the first hit)
 * @param lastModified when the cached copy was completed
 * @param size         the size of the cached copy in bytes
 */
public record CachedImage(String imageId, long hits, Instant lastAccessed, Instant lastModified, long size) {
    public CachedImage {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(lastAccessed, "lastAccessed");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
