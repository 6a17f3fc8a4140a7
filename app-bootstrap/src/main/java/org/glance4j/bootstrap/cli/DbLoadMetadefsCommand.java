package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;

/** {@code glance4j db load-metadefs FOLDER}. */
@Command(
        name = "load-metadefs",
        sortOptions = false,
        description = {
            "Loads the metadata definitions catalog from a folder of namespace JSON files (or one such file).",
            "",
            "As glance-manage db load_metadefs does: namespaces that exist are left as they are, so loading twice",
            "changes nothing. Each namespace loads in one transaction. Shows progress on a terminal and ends with",
            "a summary line; exit status 1 when a file could not be loaded (the others still are)."
        })
public final class DbLoadMetadefsCommand extends MetadefFolderCommand {

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public DbLoadMetadefsCommand(ToIntFunction<DbOptions> action) {
        super(action);
    }
}
