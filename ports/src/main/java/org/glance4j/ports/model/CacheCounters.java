package org.glance4j.ports.model;

/**
 * What the image cache of this node has done since the server started, and what it holds now: for the operator
 * (the {@code cache} command, log lines) and for metrics.
 *
 * @param hits          downloads answered from the cache, whole or ranged
 * @param misses        downloads of active images answered from a store because the cache did not hold them
 * @param bytesServed   bytes of the answers served from the cache (the lengths of the ranges handed out)
 * @param fills         images written to the cache and verified
 * @param failedFills   writes to the cache given up (the client went away, the store failed, or the checksum
 *                      did not match)
 * @param cachedImages  images held in the cache now
 * @param cacheSize     bytes held in the cache now (complete files only)
 */
public record CacheCounters(
        long hits, long misses, long bytesServed, long fills, long failedFills, long cachedImages, long cacheSize) {

    /** All zero: a node without an image cache. */
    public static final CacheCounters NONE = new CacheCounters(0, 0, 0, 0, 0, 0, 0);
}
