package org.glance4j.bootstrap.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.glance4j.http.AuthMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code glance4j serve [options]}: parses its flags into {@link ServeOptions} and starts the server. */
@Command(
        name = "serve",
        sortOptions = false,
        description = {
            "Runs the OpenStack Glance Images API v2 server.",
            "",
            "Flags win over the --config file; the file wins over the defaults.",
            "Ready when GET /versions answers. SIGTERM stops the server cleanly."
        })
public final class ServeCommand extends NodeCommand<ServeOptions> {

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            description = "Address to listen on (default: [DEFAULT] bind_host, else 127.0.0.1).")
    String bind;

    @Option(
            names = "--port",
            paramLabel = "N",
            converter = PortNumber.class,
            description = "TCP port, 0 for any free port (default: [DEFAULT] bind_port, else 9292).")
    Integer port;

    @Option(
            names = "--auth",
            paramLabel = "MODE",
            converter = AuthModeName.class,
            description = "noauth | trusted-headers | keystone (default: from [paste_deploy] flavor, else noauth).")
    AuthMode auth;

    @Option(names = "--insecure-noauth", description = "Allow --auth noauth on an address other than loopback.")
    boolean insecureNoauth;

    @Option(
            names = "--plugins",
            paramLabel = "DIR[:DIR]",
            description = "Directories of store plugin jars (also [glance4j] plugin_dirs).")
    String plugins;

    @Option(
            names = "--metrics-port",
            paramLabel = "N",
            converter = PortNumber.class,
            description = "Serve Prometheus /metrics on this port, apart from the API (default: [glance4j] "
                    + "metrics_port, else no metrics).")
    Integer metricsPort;

    /** A command that hands its options to {@code action}, which starts the server and returns the exit status. */
    public ServeCommand(ToIntFunction<ServeOptions> action) {
        super(action);
    }

    /**
     * The flags of {@code serve} without running anything (for {@code GlanceApplication.start}); {@code --help}
     * shows in {@link ServeOptions#help()}.
     *
     * @throws ParameterException for flags that cannot be understood; the message names the flag
     */
    public static ServeOptions parse(List<String> args) {
        ServeCommand command = new ServeCommand(options -> 0);
        CommandLines.configure(new CommandLine(command)).parseArgs(args.toArray(String[]::new));
        return command.options();
    }

    @Override
    protected ServeOptions options() {
        return new ServeOptions(
                Optional.ofNullable(bind),
                Optional.ofNullable(port),
                node.dataDir(),
                Optional.ofNullable(auth),
                node.configFile(),
                insecureNoauth,
                help.requested(),
                pluginDirs(),
                Optional.ofNullable(metricsPort));
    }

    private List<Path> pluginDirs() {
        if (plugins == null) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        for (String item : plugins.split(File.pathSeparator)) {
            if (!item.isBlank()) {
                dirs.add(Path.of(item.strip()));
            }
        }
        if (dirs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--plugins needs a directory");
        }
        return dirs;
    }
}
