package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The command line's exit statuses, help and messages, without starting a server. */
class MainTest {

    /** Every command an operator runs, as the docs list them. */
    private static final List<String> COMMANDS = List.of(
            "serve",
            "db load-metadefs",
            "db export-metadefs",
            "db import-glance",
            "db accept-node-config",
            "cache list",
            "cache queue",
            "cache delete",
            "cache clear",
            "cache prune",
            "cache clean",
            "images verify",
            "config sample");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Main.Started run(String... args) {
        out.reset();
        err.reset();
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommandWithItsOneLineDescription() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
            Main.Started started = run(args);
            assertThat(started.status()).isZero();
            assertThat(started.application()).isNull();
            assertThat(out()).startsWith("Usage: glance4j ").contains("-V, --version");
            for (String command : List.of("serve", "db", "cache", "config", "help")) {
                assertThat(out()).containsPattern("\n  " + command + " +[A-Z]\\w+");
            }
        }
        assertThat(run("db", "--help").status()).isZero();
        for (String command : List.of("load-metadefs", "export-metadefs", "import-glance", "accept-node-config")) {
            assertThat(out()).containsPattern("\n  " + command + " +[A-Z]\\w+");
        }
        assertThat(run("cache", "--help").status()).isZero();
        for (String command : List.of("list", "queue", "delete", "clear", "prune", "clean")) {
            assertThat(out()).containsPattern("\n  " + command + " +[A-Z]\\w+");
        }
    }

    @Test
    void everyCommandHasHelpThatDocumentsEachOptionAndArgument() {
        Map<String, CommandLine> commands = leaves(Main.commandLine(System.out, System.err, new AtomicReference<>()));
        assertThat(commands.keySet()).as("the commands glance4j has").containsExactlyInAnyOrderElementsOf(COMMANDS);
        for (Map.Entry<String, CommandLine> command : commands.entrySet()) {
            List<String> args = new ArrayList<>(List.of(command.getKey().split(" ")));
            args.add("--help");
            Main.Started started = run(args.toArray(String[]::new));
            assertThat(started.status()).as(command.getKey()).isZero();
            String help = out();
            assertThat(help).as(command.getKey()).startsWith("Usage: glance4j " + command.getKey() + " ");
            String description = help.lines()
                    .dropWhile(l -> !l.isBlank())
                    .skip(1)
                    .findFirst()
                    .orElse("");
            assertThat(description)
                    .as("the one-line description of " + command.getKey())
                    .matches("[A-Z].*\\.");
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                assertThat(option.description())
                        .as(command.getKey() + " " + option.longestName())
                        .isNotEmpty();
                assertThat(help)
                        .as(command.getKey())
                        .containsPattern(option.longestName() + "[= ].*"
                                + java.util.regex.Pattern.quote(option.description()[0].substring(0, 10)));
            }
            for (PositionalParamSpec parameter :
                    command.getValue().getCommandSpec().positionalParameters()) {
                assertThat(parameter.description())
                        .as(command.getKey() + " " + parameter.paramLabel())
                        .isNotEmpty();
                assertThat(help).contains(parameter.paramLabel());
            }
            assertThat(help).as(command.getKey()).contains("-h, --help");
        }
    }

    @Test
    void serveHelpShowsItsFlags() {
        for (String[] args : new String[][] {{"serve", "--help"}, {"serve", "-h"}, {"help", "serve"}}) {
            Main.Started started = run(args);
            assertThat(started.status()).isZero();
            assertThat(out())
                    .contains("Usage: glance4j serve")
                    .contains("--data-dir=DIR")
                    .contains("--insecure-noauth")
                    .contains("--metrics-port=N")
                    .contains("--plugins=DIR[:DIR]");
        }
    }

    @Test
    void versionPrintsTheBuildsVersion() {
        Main.Started started = run("--version");
        assertThat(started.status()).isZero();
        assertThat(out()).matches("(?s)glance4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\nJava .*");
    }

    @Test
    void aMissingOrUnknownCommandIsAUsageErrorThatListsTheCommands() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(err())
                .startsWith("glance4j: missing command: glance4j takes serve, db, cache, images or config\n")
                .contains("Usage: glance4j")
                .contains("  serve ");
        assertThat(run("start").status()).isEqualTo(2);
        assertThat(err()).startsWith("glance4j: unknown command 'start'\n").contains("  serve ");
        assertThat(run("db").status()).isEqualTo(2);
        assertThat(err())
                .startsWith("glance4j: missing command: glance4j db takes load-metadefs, export-metadefs, "
                        + "import-glance or accept-node-config\n");
        assertThat(run("cache", "frobnicate", "--data-dir", "d").status()).isEqualTo(2);
        assertThat(err())
                .startsWith("glance4j: unknown cache command 'frobnicate'\n")
                .contains("  prune ");
        assertThat(run("images").status()).isEqualTo(2);
        assertThat(err()).startsWith("glance4j: missing command: glance4j images takes verify\n");
        assertThat(run("config", "smaple").status()).isEqualTo(2);
        assertThat(err())
                .startsWith("glance4j: unknown config command 'smaple'\n")
                .contains("Did you mean")
                .contains("sample");
    }

    @Test
    void aBadFlagIsAUsageErrorThatNamesItAndWhereHelpIs() {
        assertThat(run("serve", "--port", "http").status()).isEqualTo(2);
        assertThat(err())
                .isEqualTo("glance4j: --port must be a number from 0 to 65535, not 'http'\n"
                        + "Run 'glance4j serve --help' for the options.\n");
        assertThat(out()).isEmpty();
        assertThat(run("serve", "--frobnicate=1").status()).isEqualTo(2);
        assertThat(err())
                .startsWith("glance4j: unknown option --frobnicate for serve\n")
                .contains("Run 'glance4j serve --help' for the options.");
        assertThat(run("serve", "extra").status()).isEqualTo(2);
        assertThat(err()).startsWith("glance4j: unexpected argument 'extra' for serve\n");
        assertThat(run("db", "load-metadefs", "dir", "--dry-run").status()).isEqualTo(2);
        assertThat(err())
                .startsWith("glance4j: unknown option --dry-run for db load-metadefs\n")
                .contains("Run 'glance4j db load-metadefs --help' for the options.");
        assertThat(run("cache", "queue").status()).isEqualTo(2);
        assertThat(err()).startsWith("glance4j: Missing required parameter: 'IMAGE_ID'\n");
        assertThat(run("cache", "clear", "everything").status()).isEqualTo(2);
        assertThat(err())
                .startsWith(
                        "glance4j: cache clear takes cache or queue (or nothing for both), not " + "'everything'\n");
        assertThat(run("serve", "--port", "1", "--port", "2").status()).isEqualTo(2);
        assertThat(err()).contains("--port").contains("only once");
        assertThat(run("serve", "--plugins", ":").status()).isEqualTo(2);
        assertThat(err()).startsWith("glance4j: --plugins needs a directory\n");
    }

    @Test
    void noauthOnAPublicAddressIsRefusedWithExitStatusTwo(@TempDir Path dir) {
        Main.Started started = run("serve", "--bind", "0.0.0.0", "--port", "0", "--data-dir", dir.toString());
        assertThat(started.status()).isEqualTo(2);
        assertThat(started.application()).isNull();
        assertThat(err()).contains("refusing to serve without authentication (noauth) on 0.0.0.0");
    }

    @Test
    void aBadConfigurationValueFailsTheStartAndNamesTheOption(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, "[DEFAULT]\napi_limit_max = lots\n");
        Main.Started started =
                run("serve", "--port", "0", "--data-dir", dir.resolve("data").toString(), "--config", conf.toString());
        assertThat(started.status()).isEqualTo(1);
        assertThat(err()).contains("invalid value for [DEFAULT] api_limit_max (" + conf + ", line 2): 'lots'");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    /** The commands that do something (no subcommands), by their path below {@code glance4j}. */
    private static Map<String, CommandLine> leaves(CommandLine root) {
        Map<String, CommandLine> leaves = new java.util.TreeMap<>();
        root.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            if (sub.getSubcommands().isEmpty()) {
                leaves.put(name, sub);
            } else {
                leaves(sub).forEach((path, leaf) -> leaves.put(name + " " + path, leaf));
            }
        });
        return leaves;
    }
}
