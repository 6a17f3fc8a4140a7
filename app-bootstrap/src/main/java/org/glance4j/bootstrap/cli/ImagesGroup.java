package org.glance4j.bootstrap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code glance4j images ...}: the commands about the images a node stores. */
@Command(
        name = "images",
        description = {
            "Looks after the images the node's stores hold.",
            "",
            "The node is the one serve runs with the same --data-dir and --config; the server may be running."
        })
public final class ImagesGroup extends CommandGroup {
    @Mixin
    HelpOption help;
}
