package org.glance4j.bootstrap.cli;

import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code glance4j config sample}. */
@Command(
        name = "sample",
        description = {
            "Prints a glance-api.conf that lists every option glance4j reads.",
            "",
            "Each option is commented out with its default and its meaning, in its section."
        })
public final class ConfigSampleCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final IntSupplier action;

    /** A command that runs {@code action}, which prints the sample and returns the exit status. */
    public ConfigSampleCommand(IntSupplier action) {
        this.action = action;
    }

    @Override
    public Integer call() {
        return action.getAsInt();
    }
}
