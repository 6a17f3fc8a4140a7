package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code glance4j cache clear [cache|queue]}. */
@Command(name = "clear", sortOptions = false, description = "Empties the cache, the queue, or both (the default).")
public final class CacheClearCommand extends CacheSubcommand {

    @Parameters(
            paramLabel = "cache|queue",
            arity = "0..1",
            description = "What to empty: cache or queue; both when left out.")
    String target;

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public CacheClearCommand(ToIntFunction<CacheOptions> action) {
        super(action);
    }

    @Override
    protected String argument() {
        if (target != null && !target.equals("cache") && !target.equals("queue")) {
            throw new ParameterException(
                    spec.commandLine(),
                    "cache clear takes cache or queue (or nothing for " + "both), not '" + target + "'");
        }
        return target;
    }
}
