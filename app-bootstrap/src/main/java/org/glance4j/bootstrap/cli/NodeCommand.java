package org.glance4j.bootstrap.cli;

import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs or works on a node ({@code serve}, {@code db ...}, {@code cache ...}): {@code --help}, the
 * node's {@code --data-dir} and {@code --config}, and its own options, parsed into a record {@code R} that the
 * action gets.
 *
 * @param <R> the parsed command line
 */
public abstract class NodeCommand<R> implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    NodeOptions node;

    private final ToIntFunction<R> action;

    /** A command that hands its options to {@code action}, which does the work and returns the exit status. */
    protected NodeCommand(ToIntFunction<R> action) {
        this.action = action;
    }

    /**
     * The parsed command line.
     *
     * @throws picocli.CommandLine.ParameterException for arguments that parse but make no sense together
     */
    protected abstract R options();

    @Override
    public Integer call() {
        return action.applyAsInt(options());
    }
}
