package org.glance4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.glance4j.http.AuthMode;

/**
 * Parses the flags of {@code serve}: {@code --flag value} or {@code --flag=value}, each at most once.
 * Anything else is a {@link UsageException} that says what was wrong.
 */
public final class ServeCommandLine {

    /** The help text of {@code serve}. */
    public static final String USAGE = String.join("\n",
            "Usage: glance4j serve [options]",
            "",
            "Runs the OpenStack Glance Images API v2 server.",
            "",
            "Options:",
            "  --bind ADDR          address to listen on (default: [DEFAULT] bind_host, else 127.0.0.1)",
            "  --port N             TCP port, 0 for any free port (default: [DEFAULT] bind_port, else 9292)",
            "  --data-dir DIR       directory for the embedded SQLite database, created if missing (default: ./data)",
            "  --auth MODE          noauth | trusted-headers | keystone (default: from [paste_deploy] flavor, else noauth)",
            "  --config FILE        a glance-api.conf to read; flags win over it",
            "  --insecure-noauth    allow --auth noauth on an address other than loopback",
            "  --plugins DIR[:DIR]  directories of store plugin jars (also [glance4j] plugin_dirs)",
            "  --metrics-port N     serve Prometheus /metrics on this port, apart from the API (default:",
            "                       [glance4j] metrics_port, else no metrics)",
            "  -h, --help           show this help",
            "",
            "Ready when GET /versions answers. SIGTERM stops the server cleanly.");

    private ServeCommandLine() {
    }

    /** Parses the flags that follow {@code serve}. */
    public static ServeOptions parse(List<String> args) {
        Optional<String> bind = Optional.empty();
        Optional<Integer> port = Optional.empty();
        Optional<Integer> metricsPort = Optional.empty();
        Optional<Path> dataDir = Optional.empty();
        Optional<AuthMode> auth = Optional.empty();
        Optional<Path> config = Optional.empty();
        List<Path> plugins = List.of();
        boolean insecureNoauth = false;
        boolean help = false;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            if (!flag.equals("-h") && seen.contains(flag)) {
                throw new UsageException(flag + " is given more than once");
            }
            seen.add(flag);
            switch (flag) {
                case "-h", "--help" -> help = true;
                case "--insecure-noauth" -> {
                    if (inlineValue != null) {
                        throw new UsageException("--insecure-noauth takes no value");
                    }
                    insecureNoauth = true;
                }
                case "--bind", "--port", "--data-dir", "--auth", "--config", "--plugins", "--metrics-port" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException(flag + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (value.isBlank()) {
                        throw new UsageException(flag + " needs a value");
                    }
                    switch (flag) {
                        case "--bind" -> bind = Optional.of(value);
                        case "--port" -> port = Optional.of(port(value));
                        case "--metrics-port" -> metricsPort = Optional.of(port(flag, value));
                        case "--data-dir" -> dataDir = Optional.of(Path.of(value));
                        case "--auth" -> auth = Optional.of(auth(value));
                        case "--plugins" -> plugins = pluginDirs(value);
                        default -> config = Optional.of(Path.of(value));
                    }
                }
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option " + flag : "unexpected argument '" + arg + "'");
            }
        }
        return new ServeOptions(bind, port, dataDir.orElse(ServeOptions.DEFAULT_DATA_DIR), auth, config,
                insecureNoauth, help, plugins, metricsPort);
    }

    private static List<Path> pluginDirs(String value) {
        List<Path> dirs = new ArrayList<>();
        for (String item : value.split(java.io.File.pathSeparator)) {
            if (!item.isBlank()) {
                dirs.add(Path.of(item.strip()));
            }
        }
        if (dirs.isEmpty()) {
            throw new UsageException("--plugins needs a directory");
        }
        return dirs;
    }

    private static int port(String value) {
        return port("--port", value);
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a number from 0 to 65535, not '" + value + "'");
    }

    private static AuthMode auth(String value) {
        return switch (value) {
            case "noauth" -> AuthMode.NOAUTH;
            case "trusted-headers" -> AuthMode.TRUSTED_HEADERS;
            case "keystone" -> AuthMode.KEYSTONE;
            default -> throw new UsageException("--auth must be noauth, trusted-headers or keystone, not '" + value + "'");
        };
    }
}
