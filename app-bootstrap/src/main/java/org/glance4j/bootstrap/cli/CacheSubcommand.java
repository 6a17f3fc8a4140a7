package org.glance4j.bootstrap.cli;

import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One {@code glance4j cache} command: its {@code --data-dir} and {@code --config}, and its argument when it takes
 * one, parsed into {@link CacheOptions} for the action.
 */
public abstract class CacheSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    NodeOptions node;

    private final ToIntFunction<CacheOptions> action;

    /** A command that hands its options to {@code action}, which returns the exit status. */
    protected CacheSubcommand(ToIntFunction<CacheOptions> action) {
        this.action = action;
    }

    /** The image id or the target of {@code clear}; null for the commands without an argument. */
    protected String argument() {
        return null;
    }

    @Override
    public Integer call() {
        return action.applyAsInt(new CacheOptions(spec.name(), argument(), node.dataDir(), node.configFile(), false));
    }
}
