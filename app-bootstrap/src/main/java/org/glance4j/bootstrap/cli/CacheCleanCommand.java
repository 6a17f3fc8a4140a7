package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;

/** {@code glance4j cache clean}. */
@Command(
        name = "clean",
        sortOptions = false,
        description = "Removes stalled partial copies and copies of images deleted or no longer active.")
public final class CacheCleanCommand extends CacheSubcommand {

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public CacheCleanCommand(ToIntFunction<CacheOptions> action) {
        super(action);
    }
}
