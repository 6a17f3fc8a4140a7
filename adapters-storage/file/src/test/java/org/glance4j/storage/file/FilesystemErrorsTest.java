package org.glance4j.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.storage.file.FilesystemErrors.Operation;
import org.junit.jupiter.api.Test;

/**
 * The translation table, fed the exceptions the JDK raises for each errno (the messages are the operating
 * system's strerror texts). A full disk is not produced here: that needs a small mounted file system.
 */
class FilesystemErrorsTest {

    @Test
    void fullDiskIsTooLargeNamingTheStore() {
        GlanceException e =
                FilesystemErrors.translate("fast", Operation.WRITE, new IOException("No space left on device"));
        assertThat(e.category()).isEqualTo(ErrorCategory.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("Store 'fast' is full: no space is left on its file system");
        assertThat(e.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void quotaAndFileSizeLimitAreTooLarge() {
        GlanceException quota = FilesystemErrors.translate(
                "fast", Operation.WRITE, new FileSystemException("/images/x", null, "Disk quota exceeded"));
        assertThat(quota.category()).isEqualTo(ErrorCategory.TOO_LARGE);
        assertThat(quota.getMessage()).isEqualTo("Store 'fast' is full: its disk quota is used up");
        GlanceException tooLarge =
                FilesystemErrors.translate("fast", Operation.WRITE, new IOException("File too large"));
        assertThat(tooLarge.category()).isEqualTo(ErrorCategory.TOO_LARGE);
        assertThat(tooLarge.getMessage())
                .isEqualTo("Store 'fast' is full: the image is larger than its file system allows for one file");
    }

    @Test
    void permissionDeniedIsUnavailableNamingTheStoreWithoutThePath() {
        GlanceException e = FilesystemErrors.translate(
                "fast", Operation.WRITE, new AccessDeniedException("/var/lib/glance/images/.glance4j-partial.x"));
        assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("Store 'fast' is not allowed to write image data: permission denied");
    }

    @Test
    void readOnlyFileSystemIsUnavailable() {
        GlanceException e = FilesystemErrors.translate(
                "fast", Operation.DELETE, new FileSystemException("/images/x", null, "Read-only file system"));
        assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("Store 'fast' cannot delete image data: its file system is read-only");
    }

    @Test
    void missingFileIsNotFoundWhenReadingButAMissingDirectoryWhenWriting() {
        assertThat(FilesystemErrors.translate("fast", Operation.READ, new NoSuchFileException("/images/x"))
                        .category())
                .isEqualTo(ErrorCategory.NOT_FOUND);
        GlanceException write = FilesystemErrors.translate(
                "fast", Operation.WRITE, new NoSuchFileException("/images/.glance4j-partial.x"));
        assertThat(write.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(write.getMessage()).isEqualTo("Store 'fast' cannot write image data: its data directory is missing");
    }

    @Test
    void anyOtherFailureIsUnavailableInTheApisWordsWithTheReasonOnlyInTheCause() {
        GlanceException e = FilesystemErrors.translate(
                "fast",
                Operation.READ,
                new FileSystemException("/var/lib/glance/images/abc", null, "Input/output error"));
        assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(e.getMessage())
                .isEqualTo("Store 'fast' cannot read image data: its file system failed; the"
                        + " store is unavailable, try again later");
        assertThat(e.getCause()).isInstanceOf(IOException.class);
    }
}
