package org.glance4j.bootstrap.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} of a command: prints its help and exits with 0. */
public final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean requested;

    /** Whether {@code --help} was given. */
    public boolean requested() {
        return requested;
    }
}
