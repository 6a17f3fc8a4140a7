package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;

/** {@code glance4j cache list}. */
@Command(
        name = "list",
        sortOptions = false,
        description = "Lists the cached images (hits, last access, size) and the queue.")
public final class CacheListCommand extends CacheSubcommand {

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public CacheListCommand(ToIntFunction<CacheOptions> action) {
        super(action);
    }
}
