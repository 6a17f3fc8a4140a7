package org.glance4j.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/** What a failed write into the staging directory means to a caller: a full disk is the client's image too big. */
final class StagingFailures {
    private StagingFailures() {}

    /** {@code TOO_LARGE} when the file system is full or over quota, else the failure unchecked. */
    static RuntimeException of(IOException e) {
        if (isDiskFull(e)) {
            return new GlanceException(
                    ErrorCategory.TOO_LARGE, "Image storage media is full: the staging area has no room left.", e);
        }
        return new UncheckedIOException(e);
    }

    /** Whether the operating system said the disk is full or the quota spent. */
    static boolean isDiskFull(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }
}
