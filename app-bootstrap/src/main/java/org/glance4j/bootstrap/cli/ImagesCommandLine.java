package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code images verify [--store ID] [--image ID] [--rate MIB] [--report [--status S]]} with the
 * {@code --data-dir} and {@code --config} of {@code serve} ({@code --flag value} or {@code --flag=value}, each at
 * most once).
 */
public final class ImagesCommandLine {

    /** The help text of {@code images}. */
    public static final String USAGE = String.join("\n",
            "Usage: glance4j images verify [--store ID] [--image ID] [--rate MIB] [--data-dir DIR] [--config FILE]",
            "       glance4j images verify --report [--status STATUS] [--data-dir DIR] [--config FILE]",
            "",
            "Re-reads the stored copies of the active and deactivated images (all of them, those in one store, or",
            "one image) through their stores and compares each with the size, checksum (md5) and os_hash_value the",
            "image records. Prints one line per copy (ok, missing, short, corrupted or unreadable) and a summary,",
            "records the results in the database and repairs nothing. Exit status 0 when every copy is ok, 1 when",
            "one is not. --report prints the last recorded result of every copy instead (GET /v2/verification).",
            "",
            "Options:",
            "  --store ID           only the copies in this store",
            "  --image ID           only this image",
            "  --rate MIB           read at most MIB MiB per second on average (0: no limit; default: [DEFAULT]",
            "                       image_verify_rate_mib, 50)",
            "  --report             print the recorded results, verify nothing",
            "  --status STATUS      with --report: only ok, missing, short, corrupted or unreadable",
            "  --data-dir DIR       the node's data directory (default: ./data)",
            "  --config FILE        the node's glance-api.conf",
            "  -h, --help           show this help");

    private static final Set<String> VALUED = Set.of("--store", "--image", "--rate", "--status", "--data-dir",
            "--config");
    private static final Set<String> STATUSES = Set.of("ok", "missing", "short", "corrupted", "unreadable");

    private ImagesCommandLine() {
    }

    /** Parses the arguments that follow {@code images}. */
    public static VerifyOptions parse(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("images needs a command: verify");
        }
        String command = args.get(0);
        boolean help = command.equals("-h") || command.equals("--help");
        if (!help && !command.equals("verify")) {
            throw new UsageException("unknown images command '" + command + "'; there is verify");
        }
        Map<String, String> values = new HashMap<>();
        boolean report = false;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg;
            String inline = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                inline = arg.substring(equals + 1);
            }
            if (flag.equals("-h") || flag.equals("--help")) {
                help = true;
            } else if (flag.equals("--report")) {
                report = true;
            } else if (VALUED.contains(flag)) {
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
                if (values.put(flag, value) != null) {
                    throw new UsageException(flag + " is given more than once");
                }
            } else {
                throw new UsageException((arg.startsWith("-") ? "unknown option " : "unexpected argument ") + arg
                        + " for images verify");
            }
        }
        Optional<Long> rate = Optional.ofNullable(values.get("--rate")).map(ImagesCommandLine::rate);
        Optional<String> status = Optional.ofNullable(values.get("--status"));
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw new UsageException("--status takes ok, missing, short, corrupted or unreadable, not '"
                    + status.get() + "'");
        }
        if (!help && report && (values.containsKey("--store") || values.containsKey("--image") || rate.isPresent())) {
            throw new UsageException("--report takes no --store, --image or --rate");
        }
        if (!help && !report && status.isPresent()) {
            throw new UsageException("--status goes with --report");
        }
        return new VerifyOptions(Optional.ofNullable(values.get("--store")), Optional.ofNullable(values.get("--image")),
                rate, report, status, Optional.ofNullable(values.get("--data-dir")).map(Path::of)
                        .orElse(ServeOptions.DEFAULT_DATA_DIR),
                Optional.ofNullable(values.get("--config")).map(Path::of), help);
    }

    private static long rate(String text) {
        try {
            long rate = Long.parseLong(text.trim());
            if (rate < 0 || rate > 1_048_576) {
                throw new UsageException("--rate must be between 0 (no limit) and 1048576 MiB/s");
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new UsageException("--rate takes a whole number of MiB per second, not '" + text + "'");
        }
    }
}
