package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;

/** {@code glance4j db accept-node-config}. */
@Command(
        name = "accept-node-config",
        sortOptions = false,
        description = {
            "Records this configuration's stores, hashing and policy as the ones every node must share.",
            "",
            "Run it once after changing them on purpose, before starting the nodes again: nodes with the new",
            "values are then accepted, and nodes with the old ones refused."
        })
public final class DbAcceptNodeConfigCommand extends NodeCommand<DbOptions> {

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public DbAcceptNodeConfigCommand(ToIntFunction<DbOptions> action) {
        super(action);
    }

    @Override
    protected DbOptions options() {
        return new DbOptions("accept-node-config", null, node.dataDir(), node.configFile(), false);
    }
}
