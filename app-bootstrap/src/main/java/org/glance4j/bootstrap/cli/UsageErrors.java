package org.glance4j.bootstrap.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that cannot be understood: one line {@code glance4j: <what is wrong>} naming the option or
 * argument, then where to find help (for a missing or unknown command, the list of commands), and exit status 2.
 */
public final class UsageErrors implements IParameterExceptionHandler {

    /** Exit status for a command line that cannot be understood. */
    public static final int STATUS = 2;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("glance4j: " + message(ex));
        UnmatchedArgumentException.printSuggestions(ex, err);
        if (line.getSubcommands().isEmpty()) {
            err.println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
        } else {
            err.println();
            line.usage(err);
        }
        err.flush();
        return STATUS;
    }

    /** What is wrong, in one line. */
    static String message(ParameterException ex) {
        if (ex.getCause() instanceof TypeConversionException wrong && ex.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " " + wrong.getMessage();
        }
        if (ex instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            CommandSpec spec = ex.getCommandLine().getCommandSpec();
            if (first.startsWith("-")) {
                return "unknown option " + optionName(first) + forCommand(spec);
            }
            if (!spec.subcommands().isEmpty()) {
                return spec.parent() == null
                        ? "unknown command '" + first + "'"
                        : "unknown " + spec.name() + " command '" + first + "'";
            }
            return "unexpected argument '" + first + "'" + forCommand(spec);
        }
        return ex.getMessage();
    }

    private static String optionName(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
    }

    private static String forCommand(CommandSpec spec) {
        List<String> path = List.of(spec.qualifiedName().split(" "));
        return path.size() <= 1 ? "" : " for " + String.join(" ", path.subList(1, path.size()));
    }
}
