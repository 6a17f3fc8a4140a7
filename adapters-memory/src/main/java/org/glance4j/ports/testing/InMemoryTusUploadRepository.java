package org.glance4j.ports.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.TusUpload;
import org.glance4j.ports.out.tus.TusUploadRepository;

/**
 * {@link TusUploadRepository} in a map of this process, for tests and embedders: it keeps the promises of the port
 * as the contract kit {@code TusUploadRepositoryContractTest} checks them, among the threads of one process only.
 * Thread-safe: every method holds the lock of the instance.
 */
public final class InMemoryTusUploadRepository implements TusUploadRepository {

    private static final Comparator<TusUpload> OLDEST_FIRST =
            Comparator.comparing(TusUpload::createdAt).thenComparing(TusUpload::id);

    private final Map<String, TusUpload> uploads = new LinkedHashMap<>();

    @Override
    public synchronized void create(TusUpload upload) {
        if (uploads.putIfAbsent(upload.id(), upload) != null) {
            throw GlanceException.conflict("Upload " + upload.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<TusUpload> find(String uploadId) {
        return Optional.ofNullable(uploads.get(uploadId));
    }

    @Override
    public synchronized List<TusUpload> ofImage(String imageId) {
        return uploads.values().stream()
                .filter(u -> u.imageId().equals(imageId))
                .sorted(OLDEST_FIRST)
                .toList();
    }

    @Override
    public synchronized boolean renew(String uploadId, Instant expiresAt) {
        TusUpload current = uploads.get(uploadId);
        if (current == null) {
            return false;
        }
        uploads.put(uploadId, current.expiringAt(expiresAt));
        return true;
    }

    @Override
    public synchronized boolean delete(String uploadId) {
        return uploads.remove(uploadId) != null;
    }

    @Override
    public synchronized List<TusUpload> expired(Instant now, int limit) {
        return uploads.values().stream()
                .filter(u -> u.expiresAt().isBefore(now))
                .sorted(Comparator.comparing(TusUpload::expiresAt).thenComparing(TusUpload::id))
                .limit(limit)
                .toList();
    }
}
