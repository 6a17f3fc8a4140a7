package org.glance4j.bootstrap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code glance4j db ...}: the commands that work on the node's database. */
@Command(
        name = "db",
        description = {
            "Works on the database serve uses (migrating it first when needed).",
            "",
            "The database is the one serve uses with the same --data-dir and --config; it may be in use by a running server."
        })
public final class DbGroup extends CommandGroup {
    @Mixin
    HelpOption help;
}
