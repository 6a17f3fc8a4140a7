package org.glance4j.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.Test;

class FilesystemStoreSettingsTest {

    @Test
    void defaults() {
        FilesystemStoreSettings settings = FilesystemStoreSettings.fromOptions(
                "local", Map.of("filesystem_store_datadir", "/var/lib/glance/images/"));
        assertThat(settings)
                .isEqualTo(new FilesystemStoreSettings(Path.of("/var/lib/glance/images"), null, 65536, false));
    }

    @Test
    void everyOptionIsMapped() {
        FilesystemStoreSettings settings = FilesystemStoreSettings.fromOptions(
                "local",
                Map.of(
                        "filesystem_store_datadir", " /srv/images/../glance ",
                        "filesystem_store_file_perm", "644",
                        "filesystem_store_chunk_size", "1048576",
                        "filesystem_thin_provisioning", "True"));
        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/glance"));
        assertThat(PosixFilePermissions.toString(settings.filePermissions())).isEqualTo("rw-r--r--");
        assertThat(settings.chunkSize()).isEqualTo(1048576);
        assertThat(settings.thinProvisioning()).isTrue();
    }

    @Test
    void aRelativeDataDirectoryIsMadeAbsolute() {
        FilesystemStoreSettings settings =
                FilesystemStoreSettings.fromOptions("local", Map.of("filesystem_store_datadir", "images"));
        assertThat(settings.dataDir())
                .isEqualTo(Path.of("images").toAbsolutePath().normalize());
    }

    @Test
    void zeroOrNegativeFilePermissionsLeaveTheDefault() {
        for (String value : new String[] {"0", "-1", ""}) {
            assertThat(FilesystemStoreSettings.fromOptions(
                                    "local",
                                    Map.of("filesystem_store_datadir", "/x", "filesystem_store_file_perm", value))
                            .filePermissions())
                    .as(value)
                    .isNull();
        }
    }

    @Test
    void badValuesAreClearErrorsNamingStoreAndOption() {
        assertInvalid(Map.of(), "filesystem_store_datadir", "is required");
        assertInvalid(Map.of("filesystem_store_datadir", "  "), "filesystem_store_datadir", "is required");
        assertInvalid(
                Map.of("filesystem_store_datadir", "/x", "filesystem_store_file_perm", "rw"),
                "filesystem_store_file_perm",
                "octal");
        assertInvalid(
                Map.of("filesystem_store_datadir", "/x", "filesystem_store_file_perm", "680"),
                "filesystem_store_file_perm",
                "octal");
        assertInvalid(
                Map.of("filesystem_store_datadir", "/x", "filesystem_store_file_perm", "240"),
                "filesystem_store_file_perm",
                "owner read bit");
        assertInvalid(
                Map.of("filesystem_store_datadir", "/x", "filesystem_store_chunk_size", "0"),
                "filesystem_store_chunk_size",
                "between 1 and");
        assertInvalid(
                Map.of("filesystem_store_datadir", "/x", "filesystem_store_chunk_size", "64KB"),
                "filesystem_store_chunk_size",
                "whole number");
        assertInvalid(
                Map.of("filesystem_store_datadir", "/x", "filesystem_store_chunk_size", "999999999999"),
                "filesystem_store_chunk_size",
                "between 1 and");
        assertInvalid(
                Map.of("filesystem_store_datadir", "/x", "filesystem_thin_provisioning", "maybe"),
                "filesystem_thin_provisioning",
                "true or false");
    }

    private static void assertInvalid(Map<String, String> options, String option, String problem) {
        Throwable thrown = catchThrowable(() -> FilesystemStoreSettings.fromOptions("fast", options));
        assertThat(thrown).as(options.toString()).isInstanceOf(GlanceException.class);
        assertThat(((GlanceException) thrown).category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(thrown.getMessage())
                .startsWith("Store 'fast': option " + option + " ")
                .contains(problem);
    }
}
