package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;

/** {@code glance4j cache prune}. */
@Command(
        name = "prune",
        sortOptions = false,
        description = "Removes least recently used images until the cache fits image_cache_max_size.")
public final class CachePruneCommand extends CacheSubcommand {

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public CachePruneCommand(ToIntFunction<CacheOptions> action) {
        super(action);
    }
}
