package org.glance4j.bootstrap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code glance4j config ...}: about the configuration file. */
@Command(name = "config", description = "Tells about glance-api.conf.")
public final class ConfigGroup extends CommandGroup {
    @Mixin
    HelpOption help;
}
