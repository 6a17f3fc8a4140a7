package org.glance4j.bootstrap;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.glance4j.bootstrap.cli.CacheCommandLine;
import org.glance4j.bootstrap.cli.CacheOptions;
import org.glance4j.bootstrap.cli.DbCommandLine;
import org.glance4j.bootstrap.cli.DbOptions;
import org.glance4j.bootstrap.cli.ImagesCommandLine;
import org.glance4j.bootstrap.cli.ServeCommandLine;
import org.glance4j.bootstrap.cli.UsageException;
import org.glance4j.bootstrap.cli.VerifyOptions;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.SampleConfig;

/**
 * The command line: {@code glance4j serve [--bind ADDR] [--port N] [--data-dir DIR]
 * [--auth noauth|trusted-headers] [--config FILE] [--insecure-noauth]}, and {@code glance4j db load-metadefs DIR}
 * or {@code db export-metadefs DIR} with the same {@code --data-dir} and {@code --config},
 * {@code glance4j cache list|queue|delete|clear|prune|clean} for the node's image cache, {@code glance4j images
 * verify} for the integrity of the stored images, and {@code glance4j config
 * sample} (a glance-api.conf with every option). Exit status 2 for a bad command line,
 * 1 when the server cannot start; on SIGTERM it stops HTTP, closes the stores and the database and exits (status 143).
 */
public final class Main {

    /** Exit status for a command line that cannot be understood. */
    static final int USAGE_ERROR = 2;
    /** The help text of {@code config}. */
    static final String CONFIG_USAGE = "Usage: glance4j config sample\n\n"
            + "Prints a glance-api.conf that lists every option glance4j reads, commented out with its default.";
    /** Exit status when the configuration or the start fails. */
    static final int START_FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        OneLineLogFormatter.installOnRootLogger();
        StopOnSignal stop = StopOnSignal.install();
        Started started = run(Arrays.asList(args), System.out, System.err);
        stop.startFinished(started.application());
        if (started.application() == null) {
            System.exit(started.status());
        }
        stop.awaitStopped();
    }

    /** The outcome of {@link #run}: a running application, or the status to exit with. */
    record Started(GlanceApplication application, int status) {
    }

    /** {@code db load-metadefs|export-metadefs DIR ...}: the exit status. */
    static int db(List<String> args, PrintStream out, PrintStream err) {
        try {
            DbOptions options = DbCommandLine.parse(args);
            if (options.help()) {
                out.println(DbCommandLine.USAGE);
                return 0;
            }
            if (options.command().equals("accept-node-config")) {
                return new AcceptNodeConfigCommand(out).run(options);
            }
            if (options.command().equals("import-glance")) {
                return new GlanceImportCommand(out, err).run(options);
            }
            return new MetadefCatalogCommands(out, err).run(options);
        } catch (UsageException e) {
            err.println("glance4j: " + e.getMessage() + "\n\n" + DbCommandLine.USAGE);
            return USAGE_ERROR;
        } catch (ConfigException | IllegalStateException e) {
            err.println("glance4j: " + e.getMessage());
            return START_FAILURE;
        } catch (RuntimeException e) {
            err.println("glance4j: " + e);
            return START_FAILURE;
        }
    }

    /** {@code cache list|queue|delete|clear|prune|clean ...}: the exit status. */
    static int cache(List<String> args, PrintStream out, PrintStream err) {
        try {
            CacheOptions options = CacheCommandLine.parse(args);
            if (options.help()) {
                out.println(CacheCommandLine.USAGE);
                return 0;
            }
            return new CacheCommand(out).run(options);
        } catch (UsageException e) {
            err.println("glance4j: " + e.getMessage() + "\n\n" + CacheCommandLine.USAGE);
            return USAGE_ERROR;
        } catch (ConfigException | IllegalStateException e) {
            err.println("glance4j: " + e.getMessage());
            return START_FAILURE;
        } catch (RuntimeException e) {
            err.println("glance4j: " + e);
            return START_FAILURE;
        }
    }

    /** {@code images verify ...}: the exit status (0 all ok, 1 a copy is not ok or the command failed). */
    static int images(List<String> args, PrintStream out, PrintStream err) {
        try {
            VerifyOptions options = ImagesCommandLine.parse(args);
            if (options.help()) {
                out.println(ImagesCommandLine.USAGE);
                return 0;
            }
            return new VerifyCommand(out).run(options);
        } catch (UsageException e) {
            err.println("glance4j: " + e.getMessage() + "\n\n" + ImagesCommandLine.USAGE);
            return USAGE_ERROR;
        } catch (RuntimeException e) {
            err.println("glance4j: " + (e instanceof ConfigException || e instanceof IllegalStateException
                    || e instanceof org.glance4j.ports.error.GlanceException ? e.getMessage() : e.toString()));
            return START_FAILURE;
        }
    }

    /** {@code config sample}: prints a glance-api.conf listing every option with its default; the exit status. */
    static int config(List<String> args, PrintStream out, PrintStream err) {
        if (!args.equals(List.of("sample"))) {
            err.println("glance4j: " + CONFIG_USAGE);
            return USAGE_ERROR;
        }
        out.print(SampleConfig.render());
        return 0;
    }

    /** Parses the command and starts the server; prints help and errors, never exits. */
    static Started run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("glance4j: missing command\n\n" + ServeCommandLine.USAGE);
            return new Started(null, USAGE_ERROR);
        }
        String command = args.get(0);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.println(ServeCommandLine.USAGE + "\n\n" + DbCommandLine.USAGE + "\n\n" + CacheCommandLine.USAGE
                    + "\n\n" + ImagesCommandLine.USAGE + "\n\n" + CONFIG_USAGE);
            return new Started(null, 0);
        }
        if (command.equals("db")) {
            return new Started(null, db(args.subList(1, args.size()), out, err));
        }
        if (command.equals("cache")) {
            return new Started(null, cache(args.subList(1, args.size()), out, err));
        }
        if (command.equals("config")) {
            return new Started(null, config(args.subList(1, args.size()), out, err));
        }
        if (command.equals("images")) {
            return new Started(null, images(args.subList(1, args.size()), out, err));
        }
        if (!command.equals("serve")) {
            err.println("glance4j: unknown command '" + command + "'\n\n" + ServeCommandLine.USAGE);
            return new Started(null, USAGE_ERROR);
        }
        List<String> flags = args.subList(1, args.size());
        try {
            if (ServeCommandLine.parse(flags).help()) {
                out.println(ServeCommandLine.USAGE);
                return new Started(null, 0);
            }
            return new Started(GlanceApplication.start(flags), 0);
        } catch (UsageException e) {
            err.println("glance4j: " + e.getMessage() + "\nRun 'glance4j serve --help' for the options.");
            return new Started(null, USAGE_ERROR);
        } catch (ConfigException | IllegalStateException e) {
            err.println("glance4j: " + e.getMessage());
            return new Started(null, START_FAILURE);
        } catch (RuntimeException e) {
            err.println("glance4j: cannot start: " + e);
            e.printStackTrace(err);
            return new Started(null, START_FAILURE);
        }
    }
}
