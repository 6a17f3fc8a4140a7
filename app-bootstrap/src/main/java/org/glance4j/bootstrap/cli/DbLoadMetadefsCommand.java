package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code glance4j db load-metadefs FOLDER}. */
@Command(name = "load-metadefs", sortOptions = false, description = {
    "Loads the metadata definitions catalog from a folder of namespace JSON files.", "",
    "As glance-manage db load_metadefs does: namespaces that exist are left as they are, so loading twice",
    "changes nothing. Each namespace loads in one transaction. Shows progress on a terminal and ends with",
    "a summary line; exit status 1 when a file could not be loaded (the others still are)."})
public final class DbLoadMetadefsCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "FOLDER", description = "The folder of namespace files (*.json), or one such file.")
    Path folder;

    @Mixin
    NodeOptions node;

    private final ToIntFunction<DbOptions> action;

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public DbLoadMetadefsCommand(ToIntFunction<DbOptions> action) {
        this.action = action;
    }

    @Override
    public Integer call() {
        return action.applyAsInt(new DbOptions("load-metadefs", folder, node.dataDir(), node.configFile(), false));
    }
}
