package org.glance4j.core.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.core.data.DownloadCache;
import org.glance4j.core.data.HashAlgorithm;
import org.glance4j.core.settings.CacheSettings;
import org.glance4j.ports.in.ImageCacheService.ClearTarget;
import org.glance4j.ports.in.ImageCacheService.Cleared;
import org.glance4j.ports.in.ImageCacheService.Pruned;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.model.CacheCounters;
import org.glance4j.ports.model.CachedImage;
import org.glance4j.ports.model.FileRegion;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.cache.CachedImageRecords;
import org.glance4j.ports.out.cache.ImageCacheFiles;
import org.glance4j.ports.out.cache.ImageCacheFiles.CacheFill;
import org.glance4j.ports.out.store.ByteRange;

/**
 * The image cache of this node and its rules, over the cache's files and the node's records in the database
 * (Glance's {@code centralized_db} driver):
 * <ul>
 * <li>Only an active image is served from the cache; serving checks that the copy has the image's size, and an
 *     image found not active has its copy removed. Whole downloads and ranges are served from the copy.</li>
 * <li>A whole download of an active image from a store whose bytes are not already a local file fills the cache
 *     as it streams: the copy counts only when it has the image's size and digest ({@code os_hash_value} with its
 *     {@code os_hash_algo}, else the md5 {@code checksum}, else the size alone).</li>
 * <li>Pruning removes least recently used copies while the cache is larger than {@code image_cache_max_size};
 *     cleaning removes partial copies older than {@code image_cache_stall_time}, copies of images no longer
 *     active, and puts records and files back in step.</li>
 * <li>Queued images are fetched into the cache by {@link #prefetchQueued()} (the prefetcher, which the server
 *     runs every {@code cache_prefetcher_interval}), whatever their store: an operator asked for them.</li>
 * </ul>
 */
public final class NodeImageCache implements DownloadCache, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeImageCache.class.getName());

    private final ImageCacheFiles files;
    private final CachedImageRecords records;
    private final ImageRepository images;
    private final CacheSettings settings;
    private final String nodeId;
    private final Clock clock;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicLong fills = new AtomicLong();
    private final AtomicLong failedFills = new AtomicLong();
    private volatile BiFunction<Image, ByteRange, InputStream> storeReader;

    public NodeImageCache(
            ImageCacheFiles files,
            CachedImageRecords records,
            ImageRepository images,
            CacheSettings settings,
            String nodeId,
            Clock clock) {
        this.files = files;
        this.records = records;
        this.images = images;
        this.settings = settings;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /**
     * How the prefetcher reads an image's bytes from its stores (whole when the range is null; null back for an
     * image whose stores hold nothing). Without it queued images stay queued.
     */
    public void readStoresWith(BiFunction<Image, ByteRange, InputStream> reader) {
        this.storeReader = reader;
    }

    // ------------------------------------------------------------------------------------------ downloads

    @Override
    public ImageDownload serve(Image image, ByteRange range) {
        if (image.status() != ImageStatus.ACTIVE) {
            evictIfCached(image.id(), "image is " + image.status().wireName());
            return null;
        }
        OptionalLong cachedSize = files.size(image.id());
        if (cachedSize.isEmpty()) {
            return null;
        }
        long size = image.size() == null ? -1 : image.size();
        if (cachedSize.getAsLong() != size) {
            evict(image.id(), "cached copy has " + cachedSize.getAsLong() + " bytes, the image " + size);
            return null;
        }
        Optional<InputStream> body = files.open(image.id(), range);
        if (body.isEmpty()) {
            return null;
        }
        long length = range == null ? size : range.length();
        hits.incrementAndGet();
        bytesServed.addAndGet(length);
        try {
            records.recordHit(nodeId, image.id(), clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot count the image cache hit of image " + image.id() + ": " + e.getMessage());
        }
        LOG.fine(() -> "image cache hit: image " + image.id()
                + (range == null ? "" : " range " + range.offset() + "+" + range.length()));
        return range == null
                ? new ImageDownload(image, body.get(), 0, size, size, false)
                : new ImageDownload(image, body.get(), range.offset(), range.length(), size, true);
    }

    @Override
    public InputStream fill(Image image, InputStream body, boolean ranged) {
        if (body instanceof FileRegion) {
            return body; // the store's bytes are a local file already: nothing to gain
        }
        misses.incrementAndGet();
        return fillAlways(image, body, ranged);
    }

    /** {@link #fill} for any store: what the prefetcher does for an image an operator queued. */
    private InputStream fillAlways(Image image, InputStream body, boolean ranged) {
        if (ranged || image.status() != ImageStatus.ACTIVE || image.size() == null || image.size() <= 0) {
            return body;
        }
        Optional<CacheFill> fill;
        try {
            fill = files.beginFill(image.id());
        } catch (RuntimeException e) {
            LOG.warning("cannot cache image " + image.id() + ": " + e.getMessage());
            return body;
        }
        if (fill.isEmpty()) {
            return body; // cached meanwhile, or being cached by another download
        }
        MessageDigest digest = null;
        String expected = null;
        if (image.osHashAlgo() != null && image.osHashValue() != null) {
            digest = HashAlgorithm.of(image.osHashAlgo()).newDigest();
            expected = image.osHashValue();
        } else if (image.checksum() != null) {
            digest = HashAlgorithm.MD5.newDigest();
            expected = image.checksum();
        }
        LOG.fine(() -> "caching image " + image.id() + " while it is downloaded");
        return new CacheFillingInputStream(body, fill.get(), image.size(), digest, expected, completion(image.id()));
    }

    private CacheFillingInputStream.Completion completion(String imageId) {
        return new CacheFillingInputStream.Completion() {
            @Override
            public void verified(CacheFill fill, long size) {
                try {
                    fill.commit();
                    records.recordCached(nodeId, imageId, size, clock.instant());
                    records.dequeue(nodeId, imageId);
                    fills.incrementAndGet();
                    LOG.info("image cache: cached image " + imageId + " (" + size + " bytes, verified)");
                } catch (RuntimeException e) {
                    failedFills.incrementAndGet();
                    LOG.warning("image cache: not caching image " + imageId + ": " + e.getMessage());
                }
            }

            @Override
            public void abandoned(String reason) {
                failedFills.incrementAndGet();
                LOG.info("image cache: not caching image " + imageId + ": " + reason);
            }
        };
    }

    // ------------------------------------------------------------------------------------------ management

    /** The node's cached images, least recently used first. */
    public List<CachedImage> cached() {
        return records.cached(nodeId);
    }

    /** The node's queued image ids, oldest first. */
    public List<String> queued() {
        return records.queued(nodeId);
    }

    /** Whether the node has a copy of the image or has it queued. */
    public boolean holds(String imageId) {
        return files.size(imageId).isPresent()
                || records.queued(nodeId).contains(imageId)
                || records.cached(nodeId).stream().anyMatch(c -> c.imageId().equals(imageId));
    }

    /**
     * Queues an active image for caching by the next {@link #prefetchQueued()}.
     *
     * @return false when it is cached or queued already
     */
    public boolean queue(String imageId) {
        if (files.size(imageId).isPresent()) {
            LOG.info("image cache: not queueing image " + imageId + ": already cached");
            return false;
        }
        return records.enqueue(nodeId, imageId, clock.instant());
    }

    /** Removes the image's copy and record and takes it off the queue. */
    public void delete(String imageId) {
        evict(imageId, "asked to");
        records.dequeue(nodeId, imageId);
    }

    /** Empties the cache, the queue, or both. */
    public Cleared clear(ClearTarget target) {
        int cacheDeleted = 0;
        int queueDeleted = 0;
        if (target != ClearTarget.QUEUE) {
            Set<String> ids = new HashSet<>(files.cachedImageIds());
            for (String id : ids) {
                if (files.remove(id)) {
                    cacheDeleted++;
                }
            }
            records.removeAllCached(nodeId);
        }
        if (target != ClearTarget.CACHE) {
            queueDeleted = records.clearQueue(nodeId);
        }
        LOG.info("image cache: cleared " + cacheDeleted + " cached and " + queueDeleted + " queued images");
        return new Cleared(cacheDeleted, queueDeleted);
    }

    /**
     * Removes least recently used copies while the cache holds more than {@code image_cache_max_size} bytes.
     * Copies without a record count as least recently used (cleaning gives them one).
     */
    public synchronized Pruned prune() {
        long current = files.totalSize();
        long max = settings.maxSize();
        if (current <= max) {
            LOG.fine(() -> "image cache: " + current + " bytes, within " + max + "; nothing to prune");
            return new Pruned(0, 0);
        }
        int prunedFiles = 0;
        long prunedBytes = 0;
        for (CachedImage entry : records.cached(nodeId)) {
            if (current - prunedBytes <= max) {
                break;
            }
            long size = files.size(entry.imageId()).orElse(0);
            files.remove(entry.imageId());
            records.removeCached(nodeId, entry.imageId());
            if (size > 0) {
                prunedFiles++;
                prunedBytes += size;
            }
        }
        LOG.info("image cache: pruned " + prunedFiles + " images, " + prunedBytes + " bytes (cache was " + current
                + " bytes, image_cache_max_size " + max + ")");
        return new Pruned(prunedFiles, prunedBytes);
    }

    /**
     * Removes partial copies older than {@code image_cache_stall_time}, and copies of images that are deleted or
     * no longer active; forgets records without a copy and records copies without one.
     *
     * @return how many copies and partial copies were removed
     */
    public synchronized int clean() {
        Instant now = clock.instant();
        int removed = files.removeStalledFills(now.minus(settings.stallTime()));
        Set<String> onDisk = new HashSet<>(files.cachedImageIds());
        Set<String> recorded = new HashSet<>();
        for (CachedImage entry : records.cached(nodeId)) {
            recorded.add(entry.imageId());
            if (!onDisk.contains(entry.imageId())) {
                records.removeCached(nodeId, entry.imageId());
            }
        }
        for (String id : onDisk) {
            Image image = images.find(id).orElse(null);
            if (image == null || image.isDeleted() || image.status() != ImageStatus.ACTIVE) {
                evict(
                        id,
                        image == null || image.isDeleted()
                                ? "image is deleted"
                                : "image is " + image.status().wireName());
                removed++;
            } else if (!recorded.contains(id)) {
                records.recordCached(nodeId, id, files.size(id).orElse(0), now);
            }
        }
        if (removed > 0) {
            LOG.info("image cache: cleaned " + removed + " stalled or invalid entries");
        }
        return removed;
    }

    /**
     * Fetches every queued image into the cache, one after the other (on the calling thread).
     *
     * @return how many images were cached
     */
    public int prefetchQueued() {
        int cached = 0;
        for (String id : records.queued(nodeId)) {
            if (fetchIntoCache(id)) {
                cached++;
            }
        }
        return cached;
    }

    /**
     * Fetches one image into the cache: dequeued when cached (or found cached), when deleted or not active; left
     * queued when the store fails, for the next run.
     */
    boolean fetchIntoCache(String imageId) {
        Image image = images.find(imageId).orElse(null);
        if (image == null || image.isDeleted() || image.status() != ImageStatus.ACTIVE || !image.hasData()) {
            LOG.warning("image cache: image " + imageId + " is not active; not caching it");
            records.dequeue(nodeId, imageId);
            return false;
        }
        if (files.size(imageId).isPresent()) {
            records.dequeue(nodeId, imageId);
            return true;
        }
        BiFunction<Image, ByteRange, InputStream> reader = storeReader;
        if (reader == null) {
            return false;
        }
        try (InputStream body = reader.apply(image, null)) {
            if (body == null) {
                LOG.warning("image cache: the stores hold no data of image " + imageId + "; not caching it");
                records.dequeue(nodeId, imageId);
                return false;
            }
            try (InputStream filling = fillAlways(image, body, false)) {
                filling.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("image cache: cannot fetch image " + imageId + " into the cache: " + e.getMessage());
            return false;
        }
        boolean done = files.size(imageId).isPresent();
        if (done) {
            records.dequeue(nodeId, imageId);
        }
        return done;
    }

    /** Removes the copy of an image no longer to be served, when there is one. */
    public void evictIfCached(String imageId, String why) {
        if (files.size(imageId).isPresent()) {
            evict(imageId, why);
        }
    }

    private void evict(String imageId, String why) {
        boolean removed = files.remove(imageId);
        records.removeCached(nodeId, imageId);
        if (removed) {
            LOG.info("image cache: removed image " + imageId + " (" + why + ")");
        }
    }

    // ------------------------------------------------------------------------------------------ counters

    /** What this cache has done since start, and its size now. */
    public CacheCounters counters() {
        List<String> ids = files.cachedImageIds();
        long size = 0;
        for (String id : ids) {
            size += files.size(id).orElse(0);
        }
        return new CacheCounters(
                hits.get(), misses.get(), bytesServed.get(), fills.get(), failedFills.get(), ids.size(), size);
    }

    /** Nothing to release: the cache holds no thread or open file between calls. */
    @Override
    public void close() {}
}
