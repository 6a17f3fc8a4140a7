package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code glance4j db export-metadefs FOLDER}. */
@Command(name = "export-metadefs", sortOptions = false, description = {
    "Writes every namespace of the metadata definitions catalog to a JSON file of its own.", "",
    "Files are named after the namespace's display name, as glance-manage names them. Shows progress on a",
    "terminal and ends with a summary line; exit status 1 when a file could not be written."})
public final class DbExportMetadefsCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "FOLDER", description = "The folder to write to, created if missing.")
    Path folder;

    @Mixin
    NodeOptions node;

    private final ToIntFunction<DbOptions> action;

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public DbExportMetadefsCommand(ToIntFunction<DbOptions> action) {
        this.action = action;
    }

    @Override
    public Integer call() {
        return action.applyAsInt(new DbOptions("export-metadefs", folder, node.dataDir(), node.configFile(), false));
    }
}
