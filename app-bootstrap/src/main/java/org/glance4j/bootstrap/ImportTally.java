package org.glance4j.bootstrap;

/**
 * What {@code db import-glance} did with the rows of one kind (tasks, namespaces, ...): copied, already there and
 * equal, already there but different (kept and reported, or replaced when asked), skipped (deleted in Glance) and
 * failed (could not be read or written).
 */
final class ImportTally {
    private final String kind;
    long copied;
    long unchanged;
    long differing;
    long replaced;
    long skipped;
    long failed;

    ImportTally(String kind) {
        this.kind = kind;
    }

    /** The rows of this kind this run read: copied, unchanged, differing, replaced, skipped or failed. */
    long total() {
        return copied + unchanged + differing + replaced + skipped + failed;
    }

    /** Whether this run wrote anything of this kind. */
    boolean wrote() {
        return copied > 0 || replaced > 0;
    }

    /** One summary line: {@code tasks: 2 copied, 1 unchanged, 0 differ (kept), 0 replaced, 1 skipped, 0 failed}. */
    String line(boolean dryRun) {
        return kind + ": " + copied + (dryRun ? " would be copied" : " copied") + ", " + unchanged + " unchanged, "
                + differing + " differ (kept), " + replaced + (dryRun ? " would be replaced" : " replaced") + ", "
                + skipped + " skipped, " + failed + " failed";
    }
}
