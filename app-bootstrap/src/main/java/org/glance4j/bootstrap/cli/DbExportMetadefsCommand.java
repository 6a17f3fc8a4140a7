package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;

/** {@code glance4j db export-metadefs FOLDER}. */
@Command(
        name = "export-metadefs",
        sortOptions = false,
        description = {
            "Writes every namespace of the metadata definitions catalog to a JSON file of its own.",
            "",
            "The folder is created when missing; files are named after the namespace's display name, as",
            "glance-manage names them. Shows progress on a terminal and ends with a summary line; exit status 1",
            "when a file could not be written."
        })
public final class DbExportMetadefsCommand extends MetadefFolderCommand {

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public DbExportMetadefsCommand(ToIntFunction<DbOptions> action) {
        super(action);
    }
}
