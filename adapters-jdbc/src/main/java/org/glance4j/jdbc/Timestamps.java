package org.glance4j.jdbc;

import java.time.Instant;

/**
 * Times are stored as nanoseconds since the epoch in a BIGINT: exact for every {@link Instant} the JDK clock gives,
 * ordered, and the same on both databases. The range is the years 1677 to 2262.
 */
final class Timestamps {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timestamps() {}

    /** The stored form of {@code instant}. */
    static Long toNanos(Instant instant) {
        if (instant == null) {
            return null;
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "time " + instant + " lies outside the years 1677 to 2262 that the" + " image database can store",
                    e);
        }
    }

    /**
     * The stored form of a time used only for comparing: times beyond the storable range become the smallest or
     * largest storable value, which compares the same way against every stored time.
     */
    static long toNanosSaturated(Instant instant) {
        if (instant.getEpochSecond() >= Long.MAX_VALUE / NANOS_PER_SECOND) {
            return Long.MAX_VALUE;
        }
        if (instant.getEpochSecond() <= Long.MIN_VALUE / NANOS_PER_SECOND) {
            return Long.MIN_VALUE;
        }
        return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
    }

    static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }
}
