package org.glance4j.bootstrap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/** The parser settings every glance4j command line shares. */
public final class CommandLines {

    /** Width of the help text. */
    static final int HELP_WIDTH = 100;

    private CommandLines() {}

    /**
     * Sets the shared settings on a command line and its subcommands (call it after adding them): arguments
     * starting with {@code @} are taken as they are (no argument files), options are not abbreviated, and the
     * help is {@value #HELP_WIDTH} columns wide, its parts apart and headed.
     */
    public static CommandLine configure(CommandLine line) {
        line.setExpandAtFiles(false);
        line.setAbbreviatedOptionsAllowed(false);
        line.setAbbreviatedSubcommandsAllowed(false);
        line.setUsageHelpWidth(HELP_WIDTH);
        headings(line);
        return line;
    }

    private static void headings(CommandLine line) {
        UsageMessageSpec usage = line.getCommandSpec().usageMessage();
        usage.descriptionHeading("%n")
                .parameterListHeading("%nArguments:%n")
                .optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n");
        line.getSubcommands().values().forEach(CommandLines::headings);
    }
}
