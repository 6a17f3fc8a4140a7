package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code db load-metadefs DIR} and {@code db export-metadefs DIR} with the {@code --data-dir} and
 * {@code --config} of {@code serve} ({@code --flag value} or {@code --flag=value}, each at most once).
 */
public final class DbCommandLine {

    /** The commands of {@code db}. */
    public static final Set<String> COMMANDS = Set.of("load-metadefs", "export-metadefs", "import-glance",
            "accept-node-config");

    /** The help text of {@code db}. */
    public static final String USAGE = String.join("\n",
            "Usage: glance4j db load-metadefs DIR [--data-dir DIR] [--config FILE]",
            "       glance4j db export-metadefs DIR [--data-dir DIR] [--config FILE]",
            "       glance4j db import-glance --from URL [--dry-run] [--deleted skip|carry] [--replace-changed]",
            "                                 [--data-dir DIR] [--config FILE]",
            "       glance4j db accept-node-config [--data-dir DIR] [--config FILE]",
            "",
            "Loads the metadata definitions catalog from a folder of namespace JSON files (as glance-manage",
            "db load_metadefs does; namespaces that exist are left as they are, so loading twice changes nothing),",
            "or writes every namespace to one JSON file each. The database is the one serve uses with the same",
            "--data-dir and --config; it is migrated first if needed, and may be in use by a running server.",
            "import-glance copies the images of a Glance database (its SQLAlchemy URL, e.g. sqlite:////var/lib/",
            "glance/glance.sqlite) with their properties, tags, members and locations, its tasks and its metadefs",
            "catalog; image data stays where it is. Rerunning it copies only what is missing.",
            "accept-node-config records the stores, default store, hashing algorithm and policy of the given",
            "configuration as the ones every node on the database must share (after changing them on purpose).",
            "",
            "Options:",
            "  --data-dir DIR       directory of the embedded SQLite database (default: ./data)",
            "  --config FILE        a glance-api.conf whose [database] connection names the database",
            "  --from URL           import-glance: the [database] connection of the Glance to take over",
            "  --dry-run            import-glance: report what would be copied, write nothing",
            "  --deleted MODE       import-glance: skip (default) the images and tasks Glance deleted, or carry",
            "                       them as deleted so that their ids stay taken",
            "  --replace-changed    import-glance: replace what glance4j holds when it differs from Glance",
            "                       (by default it is kept and reported)",
            "  -h, --help           show this help");

    private DbCommandLine() {
    }

    /** Parses the arguments that follow {@code db}. */
    public static DbOptions parse(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("db needs a command: load-metadefs, export-metadefs or import-glance");
        }
        String command = args.get(0);
        if (command.equals("-h") || command.equals("--help")) {
            return new DbOptions(command, null, ServeOptions.DEFAULT_DATA_DIR, Optional.empty(), true);
        }
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unknown db command '" + command + "'; there are load-metadefs, "
                    + "export-metadefs, import-glance and accept-node-config");
        }
        Path folder = null;
        Optional<Path> dataDir = Optional.empty();
        Optional<Path> config = Optional.empty();
        Optional<String> from = Optional.empty();
        boolean dryRun = false;
        DeletedRows deleted = DeletedRows.SKIP;
        boolean replaceChanged = false;
        boolean help = false;
        boolean importing = command.equals("import-glance");
        boolean accepting = command.equals("accept-node-config");
        List<String> seen = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg;
            String inline = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                inline = arg.substring(equals + 1);
            }
            if (!arg.startsWith("-")) {
                if (accepting) {
                    throw new UsageException("unexpected argument '" + arg + "': accept-node-config takes no folder");
                }
                if (importing) {
                    throw new UsageException("unexpected argument '" + arg + "': import-glance takes --from URL");
                }
                if (folder != null) {
                    throw new UsageException("unexpected argument '" + arg + "': " + command + " takes one folder");
                }
                folder = Path.of(arg);
                continue;
            }
            if (seen.contains(flag)) {
                throw new UsageException(flag + " is given more than once");
            }
            seen.add(flag);
            switch (flag) {
                case "-h", "--help" -> help = true;
                case "--dry-run" -> {
                    if (!importing || inline != null) {
                        throw new UsageException("unknown option " + arg + " for db " + command);
                    }
                    dryRun = true;
                }
                case "--replace-changed" -> {
                    if (!importing || inline != null) {
                        throw new UsageException("unknown option " + arg + " for db " + command);
                    }
                    replaceChanged = true;
                }
                case "--deleted" -> {
                    if (!importing) {
                        throw new UsageException("unknown option --deleted for db " + command);
                    }
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException("--deleted needs skip or carry");
                        }
                        value = args.get(++i);
                    }
                    deleted = DeletedRows.parse(value);
                }
                case "--from" -> {
                    if (!importing) {
                        throw new UsageException("unknown option --from for db " + command);
                    }
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException("--from needs the URL of the Glance database");
                        }
                        value = args.get(++i);
                    }
                    if (value.isBlank()) {
                        throw new UsageException("--from needs the URL of the Glance database");
                    }
                    from = Optional.of(value);
                }
                case "--data-dir", "--config" -> {
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
                default -> throw new UsageException("unknown option " + flag + " for db " + command);
            }
        }
        if (importing) {
            if (from.isEmpty() && !help) {
                throw new UsageException("import-glance needs --from URL, the [database] connection of the Glance"
                        + " database");
            }
            return new DbOptions(command, null, dataDir.orElse(ServeOptions.DEFAULT_DATA_DIR), config, help, from,
                    dryRun, deleted, replaceChanged);
        }
        if (folder == null && !help && !accepting) {
            throw new UsageException(command + " needs the folder of namespace files");
        }
        return new DbOptions(command, folder, dataDir.orElse(ServeOptions.DEFAULT_DATA_DIR), config, help);
    }
}
