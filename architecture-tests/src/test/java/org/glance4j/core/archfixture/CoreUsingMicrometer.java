package org.glance4j.core.archfixture;

/** Breaks rule (b) and the metrics rule: core that counts with Micrometer. */
public final class CoreUsingMicrometer {
    public io.micrometer.core.instrument.Counter counter;
}
