package org.glance4j.bootstrap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups others ({@code glance4j}, {@code db}, {@code cache}, {@code config}): run without one
 * of them, it is a usage error that lists them.
 */
public abstract class CommandGroup implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>(spec.subcommands().keySet());
        names.remove("help");
        String choices = names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        throw new ParameterException(
                spec.commandLine(), "missing command: " + spec.qualifiedName() + " takes " + choices);
    }
}
