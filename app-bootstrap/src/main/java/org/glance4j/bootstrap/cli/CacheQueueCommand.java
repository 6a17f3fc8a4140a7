package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;

/** {@code glance4j cache queue IMAGE_ID}. */
@Command(
        name = "queue",
        sortOptions = false,
        description = {
            "Queues an active image; the server's prefetcher fetches it into the cache.",
            "",
            "The prefetcher runs every cache_prefetcher_interval. Exit status 1 when the image is not active."
        })
public final class CacheQueueCommand extends CacheImageCommand {

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public CacheQueueCommand(ToIntFunction<CacheOptions> action) {
        super(action);
    }
}
