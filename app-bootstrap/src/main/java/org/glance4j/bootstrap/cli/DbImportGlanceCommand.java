package org.glance4j.bootstrap.cli;

import java.util.Optional;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glance4j db import-glance --from URL}. */
@Command(
        name = "import-glance",
        sortOptions = false,
        description = {
            "Copies the images, tasks and metadefs catalog of a Glance database into glance4j's.",
            "",
            "Images come with their properties, tags, members and locations; image data stays where it is.",
            "Rerunning it copies only what is missing. Shows progress on a terminal and ends with a summary;",
            "exit status 1 when a record could not be read or written."
        })
public final class DbImportGlanceCommand extends NodeCommand<DbOptions> {

    @Option(
            names = "--from",
            paramLabel = "URL",
            required = true,
            converter = GivenText.class,
            description = "The [database] connection of the Glance to take over, a SQLAlchemy URL such as "
                    + "sqlite:////var/lib/glance/glance.sqlite.")
    String from;

    @Option(names = "--dry-run", description = "Report what would be copied, write nothing.")
    boolean dryRun;

    @Option(
            names = "--deleted",
            paramLabel = "skip|carry",
            converter = DeletedRows.Option.class,
            description = "skip (default) the images and tasks Glance deleted, or carry them as deleted so that "
                    + "their ids stay taken.")
    DeletedRows deleted = DeletedRows.SKIP;

    @Option(
            names = "--replace-changed",
            description = "Replace what glance4j holds when it differs from Glance "
                    + "(by default it is kept and reported).")
    boolean replaceChanged;

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public DbImportGlanceCommand(ToIntFunction<DbOptions> action) {
        super(action);
    }

    @Override
    protected DbOptions options() {
        return new DbOptions(
                "import-glance",
                null,
                node.dataDir(),
                node.configFile(),
                false,
                Optional.of(from),
                dryRun,
                deleted,
                replaceChanged);
    }
}
