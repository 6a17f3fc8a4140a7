package org.glance4j.bootstrap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code glance4j cache ...}: the node's image cache, as Glance's cache manager, pruner and cleaner. */
@Command(
        name = "cache",
        description = {
            "Manages the node's image cache ([DEFAULT] image_cache_dir).",
            "",
            "The node is the one serve runs with the same --data-dir and --config; the server may be running.",
            "These are the jobs of Glance's glance-cache-manage, glance-cache-pruner and glance-cache-cleaner."
        })
public final class CacheGroup extends CommandGroup {
    @Mixin
    HelpOption help;
}
