package org.glance4j.bootstrap.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.glance4j.http.RequestObserver;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.ports.model.CacheCounters;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.store.ImageStore;

/**
 * The server's metrics, or none: what the wiring wraps the parts with so that {@code /metrics} sees them. When
 * metrics are off ({@link #off()}) every method gives its argument back unchanged and nothing is measured.
 * Micrometer stays in this package: the core and the ports never see it.
 */
public final class Telemetry implements AutoCloseable {
    private static final Telemetry OFF = new Telemetry(null);

    private final PrometheusMeterRegistry registry;
    private final RequestObserver http;
    private JvmGcMetrics gc;
    /** Held here: Micrometer keeps only weak references to the objects its function meters read. */
    private Supplier<CacheCounters> imageCacheCounters;

    private Telemetry(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.http = registry == null ? RequestObserver.NONE : new HttpMeters(registry);
    }

    /** No metrics. */
    public static Telemetry off() {
        return OFF;
    }

    /** Metrics in a new Prometheus registry, with the JVM's memory, GC, threads, class loading and CPU. */
    public static Telemetry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Telemetry telemetry = new Telemetry(registry);
        new JvmMemoryMetrics().bindTo(registry);
        telemetry.gc = new JvmGcMetrics();
        telemetry.gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return telemetry;
    }

    /** Whether metrics are on. */
    public boolean enabled() {
        return registry != null;
    }

    /** What the HTTP adapter tells about each request. */
    public RequestObserver http() {
        return http;
    }

    /** The stores, each timed by operation with its errors counted. */
    public List<ImageStore> stores(List<ImageStore> stores) {
        return registry == null
                ? stores
                : stores.stream()
                        .<ImageStore>map(store -> new MeteredImageStore(store, registry))
                        .toList();
    }

    /** The task repository, through which imports in flight and finished tasks by result are counted. */
    public TaskRepository tasks(TaskRepository tasks) {
        return registry == null ? tasks : new MeteredTaskRepository(tasks, registry);
    }

    /** The verification results, counted by status as they are recorded. */
    public org.glance4j.ports.out.ImageVerificationRepository verifications(
            org.glance4j.ports.out.ImageVerificationRepository results) {
        return registry == null ? results : new MeteredVerificationResults(results, registry);
    }

    /** Measures the connection pools and the statements of this database. */
    public void database(JdbcRepositories repositories) {
        if (registry != null) {
            DatabaseMeters.bind(repositories, registry);
        }
    }

    /** Measures the node image cache through its counters, read at each scrape. */
    public void imageCache(Supplier<CacheCounters> counters) {
        if (registry != null) {
            imageCacheCounters = counters;
            ImageCacheMeters.bind(counters, registry);
        }
    }

    /** The current values in the Prometheus text format; empty when metrics are off. */
    public String scrape() {
        return registry == null ? "" : registry.scrape();
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
