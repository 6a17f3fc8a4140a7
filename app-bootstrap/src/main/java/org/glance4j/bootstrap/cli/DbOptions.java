package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The parsed {@code db} command line.
 *
 * @param command    {@code load-metadefs} or {@code export-metadefs}
 * @param folder     the folder (for loading, also a single file) of namespace documents
 * @param dataDir    {@code --data-dir DIR}, as for {@code serve}
 * @param configFile {@code --config FILE}, as for {@code serve}
 * @param help       {@code --help} or {@code -h}
 * @param from       {@code import-glance --from URL}: the SQLAlchemy URL of the Glance database to import
 * @param dryRun     {@code import-glance --dry-run}: read and report, write nothing
 * @param deleted    {@code import-glance --deleted skip|carry}: what becomes of the rows Glance soft-deleted
 * @param replaceChanged {@code import-glance --replace-changed}: a record glance4j holds that differs from Glance's
 *                   is replaced by Glance's (otherwise it is kept and reported)
 */
public record DbOptions(
        String command,
        Path folder,
        Path dataDir,
        Optional<Path> configFile,
        boolean help,
        Optional<String> from,
        boolean dryRun,
        DeletedRows deleted,
        boolean replaceChanged) {

    public DbOptions(String command, Path folder, Path dataDir, Optional<Path> configFile, boolean help) {
        this(command, folder, dataDir, configFile, help, Optional.empty(), false, DeletedRows.SKIP, false);
    }

    public DbOptions(
            String command,
            Path folder,
            Path dataDir,
            Optional<Path> configFile,
            boolean help,
            Optional<String> from,
            boolean dryRun) {
        this(command, folder, dataDir, configFile, help, from, dryRun, DeletedRows.SKIP, false);
    }
}
