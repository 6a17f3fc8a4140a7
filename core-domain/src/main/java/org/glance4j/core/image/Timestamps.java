package org.glance4j.core.image;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times of image records: microsecond precision (what every store keeps), and an {@code updated_at} that moves
 * forward with every change even when the clock has not ticked.
 */
public final class Timestamps {

    private final Clock clock;

    public Timestamps(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The new updated time of a record last updated at {@code previous}: now, but strictly after it. */
    public Instant after(Instant previous) {
        Instant now = now();
        return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
    }
}
