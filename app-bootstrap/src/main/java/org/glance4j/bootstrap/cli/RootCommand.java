package org.glance4j.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code glance4j}: the commands, {@code --help} and {@code --version}. */
@Command(
        name = "glance4j",
        mixinStandardHelpOptions = true,
        versionProvider = GlanceVersion.class,
        description = {
            "An OpenStack Glance Images API v2 server, and the commands that look after its node.",
            "",
            "Run 'glance4j COMMAND --help' for the options of a command."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done",
            "1:the command failed (configuration, database, files, server start)",
            "2:the command line cannot be understood, or noauth is refused on a non-loopback address"
        })
public final class RootCommand extends CommandGroup {}
