package org.glance4j.storage.file;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.StoreOption;
import org.glance4j.ports.out.store.StoreOptions;
import org.glance4j.ports.out.store.StoreSection;

/**
 * The options of one {@code file} store, with glance_store's names and meanings:
 * <ul>
 * <li>{@code filesystem_store_datadir} (required): the directory that holds the image files; created if missing.
 * <li>{@code filesystem_store_file_perm} (default 0): permissions of image files, written as octal digits
 * ({@code 640}); 0 or negative leaves the process default. Must let the owner read.
 * <li>{@code filesystem_store_chunk_size} (default 65536): bytes per write to the disk (the one buffer an upload
 * holds); reads go at the reader's pace, up to 1 MiB per positioned read.
 * <li>{@code filesystem_thin_provisioning} (default false): chunks of zeros become holes instead of being written.
 * </ul>
 *
 * @param dataDir            absolute, normalised data directory
 * @param filePermissions    permissions to give image files, or null to leave the default
 * @param chunkSize          bytes per write to the disk
 * @param thinProvisioning   whether zero chunks become holes
 */
public record FilesystemStoreSettings(
        Path dataDir, Set<PosixFilePermission> filePermissions, int chunkSize, boolean thinProvisioning) {

    public static final String DATADIR = "filesystem_store_datadir";
    public static final String FILE_PERM = "filesystem_store_file_perm";
    public static final String CHUNK_SIZE = "filesystem_store_chunk_size";
    public static final String THIN_PROVISIONING = "filesystem_thin_provisioning";

    /** The declaration of the file store's section (see {@link FilesystemImageStoreFactory#options()}). */
    public static final StoreOptions OPTIONS = StoreOptions.of(
            StoreOption.optional(
                            DATADIR,
                            null,
                            "Directory of the store's image files; created if missing and checked"
                                    + " writable at start (a directory that cannot be used stops the start naming the store and this"
                                    + " option). Default: DATA_DIR/images in [glance_store], DATA_DIR/<store id> with"
                                    + " enabled_backends. Relative paths are resolved against the working directory.")
                    .asOwnDirectory(),
            StoreOption.optional(
                    FILE_PERM,
                    "0",
                    "Permissions of image files as octal digits (640); 0 keeps the" + " process default."),
            StoreOption.optional(
                    CHUNK_SIZE,
                    "65536",
                    "Bytes per write to the disk (the buffer each upload holds)," + " 1 to 67108864."),
            StoreOption.optional(
                    THIN_PROVISIONING,
                    "False",
                    "Chunks of zeros become holes in the image file" + " instead of being written."),
            StoreOption.notHonoured(
                    "filesystem_store_datadirs",
                    "One directory per store; use enabled_backends" + " for several; ignored."),
            StoreOption.ignored("filesystem_store_metadata_file"),
            StoreOption.ignored("filesystem_store_timeout"),
            StoreOption.ignored("filesystem_store_thread_pool_size"),
            StoreOption.ignored("filesystem_store_threadpool_threshold"));

    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    /** The largest chunk accepted: every upload holds one chunk-sized buffer. */
    public static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;

    public FilesystemStoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        if (!dataDir.isAbsolute()) {
            throw new IllegalArgumentException("dataDir must be absolute: " + dataDir);
        }
        dataDir = dataDir.normalize();
        filePermissions = filePermissions == null
                ? null
                : Collections.unmodifiableSet(
                        filePermissions.isEmpty()
                                ? EnumSet.noneOf(PosixFilePermission.class)
                                : EnumSet.copyOf(filePermissions));
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunkSize out of range: " + chunkSize);
        }
    }

    /** Settings with the defaults for everything but the data directory. */
    public static FilesystemStoreSettings of(Path dataDir) {
        return new FilesystemStoreSettings(dataDir.toAbsolutePath(), null, DEFAULT_CHUNK_SIZE, false);
    }

    /**
     * Reads the options of store {@code storeId}.
     *
     * @throws GlanceException {@code INVALID} naming the store and the option when a value is missing or wrong
     */
    public static FilesystemStoreSettings fromOptions(String storeId, Map<String, String> options) {
        StoreSection section = OPTIONS.read(storeId, options);
        StoreOption datadir = OPTIONS.find(DATADIR).orElseThrow();
        Path dataDir = section.path(datadir);
        if (dataDir == null) {
            throw section.invalid(datadir, "is required");
        }
        return new FilesystemStoreSettings(
                dataDir,
                filePermissions(storeId, options.get(FILE_PERM)),
                chunkSize(storeId, options.get(CHUNK_SIZE)),
                section.bool(OPTIONS.find(THIN_PROVISIONING).orElseThrow()));
    }

    private static Set<PosixFilePermission> filePermissions(String storeId, String raw) {
        String value = trimmed(raw);
        if (value == null) {
            return null;
        }
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(storeId, FILE_PERM, "must be an integer written as octal digits (e.g. 640), got " + value);
        }
        if (number <= 0) {
            return null;
        }
        if (!value.chars().allMatch(c -> c >= '0' && c <= '7') || value.length() > 4) {
            throw invalid(storeId, FILE_PERM, "must be octal digits (e.g. 640), got " + value);
        }
        int mode = Integer.parseInt(value, 8);
        if ((mode & 0400) == 0) {
            throw invalid(
                    storeId,
                    FILE_PERM,
                    "must keep the owner read bit so the" + " store can read its image files (e.g. 640), got " + value);
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static int chunkSize(String storeId, String raw) {
        String value = trimmed(raw);
        if (value == null) {
            return DEFAULT_CHUNK_SIZE;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(storeId, CHUNK_SIZE, "must be a whole number of bytes, got " + value);
        }
        if (number < 1 || number > MAX_CHUNK_SIZE) {
            throw invalid(storeId, CHUNK_SIZE, "must be between 1 and " + MAX_CHUNK_SIZE + " bytes, got " + value);
        }
        return (int) number;
    }

    private static String trimmed(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.strip();
    }

    static GlanceException invalid(String storeId, String option, String problem) {
        return GlanceException.invalid("Store '" + storeId + "': option " + option + " " + problem);
    }
}
