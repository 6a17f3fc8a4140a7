package org.glance4j.bootstrap;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.glance4j.bootstrap.cli.CacheCleanCommand;
import org.glance4j.bootstrap.cli.CacheClearCommand;
import org.glance4j.bootstrap.cli.CacheDeleteCommand;
import org.glance4j.bootstrap.cli.CacheGroup;
import org.glance4j.bootstrap.cli.CacheListCommand;
import org.glance4j.bootstrap.cli.CacheOptions;
import org.glance4j.bootstrap.cli.CachePruneCommand;
import org.glance4j.bootstrap.cli.CacheQueueCommand;
import org.glance4j.bootstrap.cli.CommandFailures;
import org.glance4j.bootstrap.cli.CommandLines;
import org.glance4j.bootstrap.cli.ConfigGroup;
import org.glance4j.bootstrap.cli.ConfigSampleCommand;
import org.glance4j.bootstrap.cli.DbAcceptNodeConfigCommand;
import org.glance4j.bootstrap.cli.DbExportMetadefsCommand;
import org.glance4j.bootstrap.cli.DbGroup;
import org.glance4j.bootstrap.cli.DbImportGlanceCommand;
import org.glance4j.bootstrap.cli.DbLoadMetadefsCommand;
import org.glance4j.bootstrap.cli.ImagesGroup;
import org.glance4j.bootstrap.cli.ImagesVerifyCommand;
import org.glance4j.bootstrap.cli.RootCommand;
import org.glance4j.bootstrap.cli.ServeCommand;
import org.glance4j.bootstrap.cli.UsageErrors;
import org.glance4j.bootstrap.config.SampleConfig;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/**
 * The command line ({@code glance4j --help} lists it): {@code serve}, {@code db load-metadefs|export-metadefs|
 * import-glance|accept-node-config}, {@code cache list|queue|delete|clear|prune|clean}, {@code images verify},
 * {@code config sample} and {@code help}; each command is a class of {@link org.glance4j.bootstrap.cli} that parses its options into a record
 * and hands it to the one method here that does the work. Exit status 2 for a bad command line, 1 when the
 * command or the start fails; on SIGTERM the server stops HTTP, closes the stores and the database and exits
 * (status 143).
 */
public final class Main {

    /** Exit status for a command line that cannot be understood. */
    static final int USAGE_ERROR = UsageErrors.STATUS;
    /** Exit status when the configuration or the start fails. */
    static final int START_FAILURE = CommandFailures.STATUS;

    private Main() {}

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
    record Started(GlanceApplication application, int status) {}

    /** Parses the command and runs it (for {@code serve}, starts the server); prints help and errors, never exits. */
    static Started run(List<String> args, PrintStream out, PrintStream err) {
        AtomicReference<GlanceApplication> started = new AtomicReference<>();
        CommandLine line = commandLine(out, err, started);
        int status = line.execute(args.toArray(String[]::new));
        line.getOut().flush();
        line.getErr().flush();
        return new Started(started.get(), status);
    }

    /** {@code glance4j db ARGS}: the exit status. */
    static int db(List<String> args, PrintStream out, PrintStream err) {
        return run(prefixed("db", args), out, err).status();
    }

    /** {@code glance4j cache ARGS}: the exit status. */
    static int cache(List<String> args, PrintStream out, PrintStream err) {
        return run(prefixed("cache", args), out, err).status();
    }

    /** {@code glance4j images ARGS}: the exit status (for verify: 0 every copy ok, 1 one is not). */
    static int images(List<String> args, PrintStream out, PrintStream err) {
        return run(prefixed("images", args), out, err).status();
    }

    /** {@code glance4j config ARGS}: the exit status. */
    static int config(List<String> args, PrintStream out, PrintStream err) {
        return run(prefixed("config", args), out, err).status();
    }

    /** Every command, each with the method that does its work; a started server is left in {@code started}. */
    static CommandLine commandLine(PrintStream out, PrintStream err, AtomicReference<GlanceApplication> started) {
        CommandLine db = new CommandLine(new DbGroup())
                .addSubcommand(new DbLoadMetadefsCommand(o -> new MetadefCatalogCommands(out, err).run(o)))
                .addSubcommand(new DbExportMetadefsCommand(o -> new MetadefCatalogCommands(out, err).run(o)))
                .addSubcommand(new DbImportGlanceCommand(o -> new GlanceImportCommand(out, err).run(o)))
                .addSubcommand(new DbAcceptNodeConfigCommand(o -> new AcceptNodeConfigCommand(out).run(o)));
        CommandLine cache = new CommandLine(new CacheGroup())
                .addSubcommand(new CacheListCommand(o -> cacheCommand(out, o)))
                .addSubcommand(new CacheQueueCommand(o -> cacheCommand(out, o)))
                .addSubcommand(new CacheDeleteCommand(o -> cacheCommand(out, o)))
                .addSubcommand(new CacheClearCommand(o -> cacheCommand(out, o)))
                .addSubcommand(new CachePruneCommand(o -> cacheCommand(out, o)))
                .addSubcommand(new CacheCleanCommand(o -> cacheCommand(out, o)));
        CommandLine images = new CommandLine(new ImagesGroup())
                .addSubcommand(new ImagesVerifyCommand(o -> new VerifyCommand(out).run(o)));
        CommandLine config = new CommandLine(new ConfigGroup()).addSubcommand(new ConfigSampleCommand(() -> {
            out.print(SampleConfig.render());
            return 0;
        }));
        CommandLine root = new CommandLine(new RootCommand())
                .addSubcommand(new ServeCommand(flags -> {
                    started.set(GlanceApplication.start(flags));
                    return 0;
                }))
                .addSubcommand(db)
                .addSubcommand(cache)
                .addSubcommand(images)
                .addSubcommand(config)
                .addSubcommand("help", new HelpCommand());
        CommandLines.configure(root);
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        root.setParameterExceptionHandler(new UsageErrors());
        root.setExecutionExceptionHandler(new CommandFailures());
        return root;
    }

    private static int cacheCommand(PrintStream out, CacheOptions options) {
        return new CacheCommand(out).run(options);
    }

    private static List<String> prefixed(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        return all;
    }
}
