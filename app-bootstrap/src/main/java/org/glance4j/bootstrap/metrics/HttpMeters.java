package org.glance4j.bootstrap.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.http.RequestObserver;
import org.glance4j.http.RequestOutcome;

/**
 * The HTTP meters: {@code http_server_requests_seconds} by method, route template and status (a histogram with
 * fixed buckets from 5 ms to 60 s), the bytes of request and response bodies by route, and the uploads, stages and
 * downloads in flight. Every label has a bounded set of values (route templates, known methods, status codes), so
 * that no client can make the meters grow.
 */
final class HttpMeters implements RequestObserver {
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    private static final java.util.Set<String> METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> transfers;
    private final AtomicInteger active = new AtomicInteger();
    /** The meters already registered, found again without building their ids on every request. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();

    HttpMeters(MeterRegistry registry) {
        this.registry = registry;
        this.transfers =
                Map.of("upload", new AtomicInteger(), "stage", new AtomicInteger(), "download", new AtomicInteger());
        transfers.forEach((kind, count) -> Gauge.builder("glance4j.transfers.in.flight", count, AtomicInteger::get)
                .description("Image data transfers running now")
                .tag("kind", kind)
                .register(registry));
        Gauge.builder("http.server.requests.active", active, AtomicInteger::get)
                .description("HTTP requests being served now")
                .register(registry);
    }

    @Override
    public void started(String method, String route) {
        active.incrementAndGet();
        AtomicInteger transfer = transfer(method, route);
        if (transfer != null) {
            transfer.incrementAndGet();
        }
    }

    @Override
    public void completed(RequestOutcome outcome) {
        active.decrementAndGet();
        AtomicInteger transfer = transfer(outcome.method(), outcome.route());
        if (transfer != null) {
            transfer.decrementAndGet();
        }
        timers.computeIfAbsent(
                        new TimerKey(knownMethod(outcome.method()), outcome.route(), outcome.status()),
                        key -> Timer.builder("http.server.requests")
                                .description("HTTP requests by route template and status")
                                .tag("method", key.method())
                                .tag("route", key.route())
                                .tag("status", Integer.toString(key.status()))
                                .serviceLevelObjectives(BUCKETS)
                                .register(registry))
                .record(outcome.durationNanos(), TimeUnit.NANOSECONDS);
        if (outcome.bytesReceived() > 0) {
            received.computeIfAbsent(
                            outcome.route(),
                            route -> Counter.builder("glance4j.http.received.bytes")
                                    .baseUnit("bytes")
                                    .description("Bytes of request bodies received, image uploads included")
                                    .tag("route", route)
                                    .register(registry))
                    .increment(outcome.bytesReceived());
        }
        if (outcome.bytesSent() > 0) {
            sent.computeIfAbsent(
                            outcome.route(),
                            route -> Counter.builder("glance4j.http.sent.bytes")
                                    .baseUnit("bytes")
                                    .description("Bytes of response bodies sent, image downloads included")
                                    .tag("route", route)
                                    .register(registry))
                    .increment(outcome.bytesSent());
        }
    }

    /** The method as a label: a client may send any token as a method, so others count as {@code OTHER}. */
    private static String knownMethod(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    private record TimerKey(String method, String route, int status) {}

    private AtomicInteger transfer(String method, String route) {
        if (route.endsWith("/{image_id}/file")) {
            return method.equals("PUT")
                    ? transfers.get("upload")
                    : method.equals("GET") ? transfers.get("download") : null;
        }
        return route.endsWith("/{image_id}/stage") && method.equals("PUT") ? transfers.get("stage") : null;
    }
}
