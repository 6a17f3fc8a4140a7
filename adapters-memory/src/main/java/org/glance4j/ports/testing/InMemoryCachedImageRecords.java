package org.glance4j.ports.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.model.CachedImage;
import org.glance4j.ports.out.cache.CachedImageRecords;

/**
 * {@link CachedImageRecords} in memory, for tests and embedders (module {@code glance4j-adapters-memory}): the
 * promises of the port as the contract kit {@code CachedImageRecordsContractTest} checks them, forgotten when
 * dropped. Thread-safe: every method holds the lock of the instance.
 */
public final class InMemoryCachedImageRecords implements CachedImageRecords {
    private record Key(String nodeId, String imageId) {}

    private final Map<Key, CachedImage> cached = new HashMap<>();
    private final Map<Key, Instant> queue = new HashMap<>();

    @Override
    public synchronized void recordCached(String nodeId, String imageId, long size, Instant now) {
        cached.put(new Key(nodeId, imageId), new CachedImage(imageId, 0, now, now, size));
    }

    @Override
    public synchronized boolean recordHit(String nodeId, String imageId, Instant now) {
        CachedImage old = cached.get(new Key(nodeId, imageId));
        if (old == null) {
            return false;
        }
        cached.put(
                new Key(nodeId, imageId),
                new CachedImage(imageId, old.hits() + 1, now, old.lastModified(), old.size()));
        return true;
    }

    @Override
    public synchronized List<CachedImage> cached(String nodeId) {
        List<CachedImage> list = new ArrayList<>();
        cached.forEach((key, image) -> {
            if (key.nodeId().equals(nodeId)) {
                list.add(image);
            }
        });
        list.sort(Comparator.comparing(CachedImage::lastAccessed).thenComparing(CachedImage::imageId));
        return list;
    }

    @Override
    public synchronized boolean removeCached(String nodeId, String imageId) {
        return cached.remove(new Key(nodeId, imageId)) != null;
    }

    @Override
    public synchronized int removeAllCached(String nodeId) {
        int before = cached.size();
        cached.keySet().removeIf(key -> key.nodeId().equals(nodeId));
        return before - cached.size();
    }

    @Override
    public synchronized boolean enqueue(String nodeId, String imageId, Instant now) {
        return queue.putIfAbsent(new Key(nodeId, imageId), now) == null;
    }

    @Override
    public synchronized List<String> queued(String nodeId) {
        return queue.entrySet().stream()
                .filter(e -> e.getKey().nodeId().equals(nodeId))
                .sorted(Map.Entry.<Key, Instant>comparingByValue()
                        .thenComparing(e -> e.getKey().imageId()))
                .map(e -> e.getKey().imageId())
                .toList();
    }

    @Override
    public synchronized boolean dequeue(String nodeId, String imageId) {
        return queue.remove(new Key(nodeId, imageId)) != null;
    }

    @Override
    public synchronized int clearQueue(String nodeId) {
        int before = queue.size();
        queue.keySet().removeIf(key -> key.nodeId().equals(nodeId));
        return before - queue.size();
    }
}
