package org.glance4j.core.verify;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.out.ImageVerificationRepository;

/** The last result per image and location, in memory. */
final class InMemoryVerificationResults implements ImageVerificationRepository {
    private final Map<List<String>, ImageVerification> results = new ConcurrentHashMap<>();

    @Override
    public void record(ImageVerification result) {
        results.put(List.of(result.imageId(), result.locationUrl()), result);
    }

    @Override
    public List<ImageVerification> latest(ImageVerification.Status status) {
        return results.values().stream()
                .filter(r -> status == null || r.status() == status)
                .sorted(Comparator.comparing(ImageVerification::imageId)
                        .thenComparing(ImageVerification::storeId)
                        .thenComparing(ImageVerification::locationUrl))
                .toList();
    }
}
