package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;

/** One {@code glance4j cache} command, parsed into {@link CacheOptions}. */
public abstract class CacheSubcommand extends NodeCommand<CacheOptions> {

    /** A command that hands its options to {@code action}, which returns the exit status. */
    protected CacheSubcommand(ToIntFunction<CacheOptions> action) {
        super(action);
    }

    /** The image id or the target of {@code clear}; null for the commands without an argument. */
    protected String argument() {
        return null;
    }

    @Override
    protected CacheOptions options() {
        return new CacheOptions(spec.name(), argument(), node.dataDir(), node.configFile(), false);
    }
}
