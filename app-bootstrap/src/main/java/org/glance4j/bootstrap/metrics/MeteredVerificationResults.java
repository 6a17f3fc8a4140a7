package org.glance4j.bootstrap.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.out.ImageVerificationRepository;

/**
 * The verification results, each one counted as it is recorded: {@code glance4j_image_verifications_total} by
 * {@code status} ({@code ok}, {@code missing}, {@code short}, {@code corrupted}, {@code unreadable}).
 */
final class MeteredVerificationResults implements ImageVerificationRepository {
    private final ImageVerificationRepository results;
    private final MeterRegistry registry;

    MeteredVerificationResults(ImageVerificationRepository results, MeterRegistry registry) {
        this.results = results;
        this.registry = registry;
        for (ImageVerification.Status status : ImageVerification.Status.values()) {
            counter(status); // every status shows from the start, at zero
        }
    }

    @Override
    public void record(ImageVerification result) {
        results.record(result);
        counter(result.status()).increment();
    }

    @Override
    public List<ImageVerification> latest(ImageVerification.Status status) {
        return results.latest(status);
    }

    private Counter counter(ImageVerification.Status status) {
        return Counter.builder("glance4j.image.verifications")
                .tag("status", status.wireName())
                .description("Stored image copies verified, by what was found")
                .register(registry);
    }
}
