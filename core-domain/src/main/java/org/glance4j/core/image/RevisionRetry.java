package org.glance4j.core.image;

import java.util.function.Supplier;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.error.StaleRevisionException;

/**
 * Runs a read-change-store step again when the store reports that someone else changed the record first, so
 * that concurrent changes are all applied and none is lost. Each attempt re-reads; the number of attempts is
 * bounded. A losing attempt always means another change succeeded, so the bound is only reached under a storm
 * of concurrent writers.
 */
public final class RevisionRetry {

    static final int MAX_ATTEMPTS = 200;

    private RevisionRetry() {}

    public static <T> T run(Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (StaleRevisionException e) {
                if (i >= MAX_ATTEMPTS) {
                    throw GlanceException.conflict("The image was changed concurrently too often; try again.");
                }
                Thread.onSpinWait();
            }
        }
    }
}
