package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code cache list|queue ID|delete ID|clear [cache|queue]|prune|clean} with the {@code --data-dir} and
 * {@code --config} of {@code serve} ({@code --flag value} or {@code --flag=value}, each at most once).
 */
public final class CacheCommandLine {

    /** The commands of {@code cache}. */
    public static final Set<String> COMMANDS = Set.of("list", "queue", "delete", "clear", "prune", "clean");

    /** The help text of {@code cache}. */
    public static final String USAGE = String.join("\n",
            "Usage: glance4j cache list [--data-dir DIR] [--config FILE]",
            "       glance4j cache queue IMAGE_ID [--data-dir DIR] [--config FILE]",
            "       glance4j cache delete IMAGE_ID [--data-dir DIR] [--config FILE]",
            "       glance4j cache clear [cache|queue] [--data-dir DIR] [--config FILE]",
            "       glance4j cache prune [--data-dir DIR] [--config FILE]",
            "       glance4j cache clean [--data-dir DIR] [--config FILE]",
            "",
            "Manages the image cache of the node that serve runs with the same --data-dir and --config",
            "([DEFAULT] image_cache_dir), as Glance's glance-cache-manage, glance-cache-pruner and",
            "glance-cache-cleaner do; the server may be running. list prints the cached images (hits, last access,",
            "size) and the queue; queue adds an active image to the queue, which the server's prefetcher fetches",
            "(every cache_prefetcher_interval); delete removes one image from the cache and the queue; clear",
            "empties the cache, the queue, or both (the default); prune removes least recently used images until",
            "the cache fits image_cache_max_size; clean removes stalled partial copies and copies of images that",
            "are deleted or no longer active.",
            "",
            "Options:",
            "  --data-dir DIR       the node's data directory (default: ./data)",
            "  --config FILE        the node's glance-api.conf",
            "  -h, --help           show this help");

    private CacheCommandLine() {
    }

    /** Parses the arguments that follow {@code cache}. */
    public static CacheOptions parse(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("cache needs a command: list, queue, delete, clear, prune or clean");
        }
        String command = args.get(0);
        if (command.equals("-h") || command.equals("--help")) {
            return new CacheOptions(command, null, ServeOptions.DEFAULT_DATA_DIR, Optional.empty(), true);
        }
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unknown cache command '" + command + "'; there are list, queue, delete, "
                    + "clear, prune and clean");
        }
        String argument = null;
        Optional<Path> dataDir = Optional.empty();
        Optional<Path> config = Optional.empty();
        boolean help = false;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                boolean takesOne = command.equals("queue") || command.equals("delete") || command.equals("clear");
                if (!takesOne || argument != null) {
                    throw new UsageException("unexpected argument '" + arg + "' for cache " + command);
                }
                argument = arg;
                continue;
            }
            String flag = arg;
            String inline = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                inline = arg.substring(equals + 1);
            }
            switch (flag) {
                case "-h", "--help" -> help = true;
                case "--data-dir", "--config" -> {
                    if ((flag.equals("--data-dir") ? dataDir : config).isPresent()) {
                        throw new UsageException(flag + " is given more than once");
                    }
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException(flag + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (value.isBlank()) {
                        throw new UsageException(flag + " needs a value");
                    }
                    if (flag.equals("--data-dir")) {
                        dataDir = Optional.of(Path.of(value));
                    } else {
                        config = Optional.of(Path.of(value));
                    }
                }
                default -> throw new UsageException("unknown option " + flag + " for cache " + command);
            }
        }
        if (!help && argument == null && (command.equals("queue") || command.equals("delete"))) {
            throw new UsageException("cache " + command + " needs an image id");
        }
        if (command.equals("clear") && argument != null && !argument.equals("cache") && !argument.equals("queue")) {
            throw new UsageException("cache clear takes cache or queue (or nothing for both), not '" + argument + "'");
        }
        return new CacheOptions(command, argument, dataDir.orElse(ServeOptions.DEFAULT_DATA_DIR), config, help);
    }
}
