package org.glance4j.http.archfixture;

/** Breaks the metrics rule: an adapter that counts with Micrometer instead of telling an observer. */
public final class HttpUsingMicrometer {
    public io.micrometer.core.instrument.MeterRegistry registry;
}
