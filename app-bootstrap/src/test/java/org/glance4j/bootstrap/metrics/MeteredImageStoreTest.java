package org.glance4j.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.ForwardingImageStore;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/** The metered store hands a composed write to its store, so that a store's native compose is not lost. */
class MeteredImageStoreTest {

    @Test
    void aComposedWriteReachesTheStoresOwnComposeAndCountsItsBytes() {
        AtomicInteger nativeComposes = new AtomicInteger();
        ForwardingImageStore composing = new ForwardingImageStore(new InMemoryImageStore("fast")) {
            @Override
            public Set<StoreCapability> capabilities() {
                Set<StoreCapability> all = EnumSet.copyOf(delegate.capabilities());
                all.add(StoreCapability.COMPOSE);
                return all;
            }

            @Override
            public StoredObject writeComposed(String imageId, List<ImagePart> parts) {
                nativeComposes.incrementAndGet();
                return delegate.writeComposed(imageId, parts);
            }
        };
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MeteredImageStore metered = new MeteredImageStore(composing, registry);
        List<ImagePart> parts = List.of(
                new ImagePart(3, () -> new ByteArrayInputStream(new byte[] {1, 2, 3}), Optional.empty()),
                new ImagePart(2, () -> new ByteArrayInputStream(new byte[] {4, 5}), Optional.empty()));

        StoredObject written = metered.writeComposed("img", parts);

        assertThat(written.size()).isEqualTo(5);
        assertThat(nativeComposes).hasValue(1);
        assertThat(registry.scrape())
                .contains("glance4j_store_written_bytes_total{store=\"fast\"} 5.0")
                .contains("operation=\"write_composed\"");
    }
}
