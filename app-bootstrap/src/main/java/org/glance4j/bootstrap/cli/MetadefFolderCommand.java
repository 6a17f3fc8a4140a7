package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Parameters;

/** {@code db load-metadefs FOLDER} and {@code db export-metadefs FOLDER}: a folder of namespace files. */
public abstract class MetadefFolderCommand extends NodeCommand<DbOptions> {

    @Parameters(paramLabel = "FOLDER", description = "The folder of namespace files, one *.json file a namespace.")
    Path folder;

    /** A command that hands its options to {@code action}, which returns the exit status. */
    protected MetadefFolderCommand(ToIntFunction<DbOptions> action) {
        super(action);
    }

    @Override
    protected DbOptions options() {
        return new DbOptions(spec.name(), folder, node.dataDir(), node.configFile(), false);
    }
}
