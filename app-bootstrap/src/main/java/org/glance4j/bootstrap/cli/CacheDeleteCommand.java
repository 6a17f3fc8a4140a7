package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;

/** {@code glance4j cache delete IMAGE_ID}. */
@Command(name = "delete", sortOptions = false, description = "Removes one image from the cache and the queue.")
public final class CacheDeleteCommand extends CacheImageCommand {

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public CacheDeleteCommand(ToIntFunction<CacheOptions> action) {
        super(action);
    }
}
