package org.glance4j.storage.file;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.logging.Logger;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * The one place where the file store turns an {@link IOException} of the backend into a {@link GlanceException}.
 * Messages name the store and say what went wrong in the API's words (full, not allowed, read-only, missing
 * directory, unavailable); they never repeat the exception's text (which names paths), a stack trace or a class.
 * The exception is kept as the cause, so the error's log line carries the operating system's reason.
 */
final class FilesystemErrors {
    private static final Logger LOG = Logger.getLogger(FilesystemErrors.class.getName());

    private FilesystemErrors() {}

    /** What the store was doing, for the message. */
    enum Operation {
        WRITE("write image data"),
        READ("read image data"),
        SIZE("read the size of image data"),
        DELETE("delete image data");

        private final String text;

        Operation(String text) {
            this.text = text;
        }
    }

    static GlanceException translate(String storeId, Operation operation, IOException failure) {
        String reason = reasonOf(failure);
        String lower = reason.toLowerCase(Locale.ROOT);
        if (failure instanceof NoSuchFileException && operation != Operation.WRITE) {
            return new GlanceException(
                    ErrorCategory.NOT_FOUND, "No image data at this location in store '" + storeId + "'", failure);
        }
        String full = lower.contains("no space left on device")
                ? "no space is left on its file system"
                : lower.contains("disk quota exceeded")
                        ? "its disk quota is used up"
                        : lower.contains("file too large")
                                ? "the image is larger than its file system allows for one file"
                                : null;
        if (full != null) {
            // The client hears 413; the operator must hear it too, because only the operator can make room.
            LOG.warning("Store '" + storeId + "' is full: " + reason + " (could not " + operation.text + ")");
            return new GlanceException(ErrorCategory.TOO_LARGE, "Store '" + storeId + "' is full: " + full, failure);
        }
        if (failure instanceof AccessDeniedException
                || lower.contains("permission denied")
                || lower.contains("operation not permitted")) {
            return new GlanceException(
                    ErrorCategory.UNAVAILABLE,
                    "Store '" + storeId + "' is not allowed to " + operation.text + ": permission denied",
                    failure);
        }
        if (lower.contains("read-only file system")) {
            return new GlanceException(
                    ErrorCategory.UNAVAILABLE,
                    "Store '" + storeId + "' cannot " + operation.text + ": its file system is read-only",
                    failure);
        }
        if (failure instanceof NoSuchFileException) {
            return new GlanceException(
                    ErrorCategory.UNAVAILABLE,
                    "Store '" + storeId + "' cannot " + operation.text + ": its data directory is missing",
                    failure);
        }
        return new GlanceException(
                ErrorCategory.UNAVAILABLE,
                "Store '" + storeId + "' cannot " + operation.text + ": its file system failed; the store is"
                        + " unavailable, try again later",
                failure);
    }

    /** The operating system's reason without paths or class names ("No space left on device"), for logs. */
    static String reasonOf(IOException failure) {
        String reason = failure instanceof FileSystemException fse ? fse.getReason() : failure.getMessage();
        if (reason == null || reason.isBlank()) {
            if (failure instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (failure instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            return "input/output error";
        }
        int newline = reason.indexOf('\n');
        return (newline >= 0 ? reason.substring(0, newline) : reason).strip();
    }
}
