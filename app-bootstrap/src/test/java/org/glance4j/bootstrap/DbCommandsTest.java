package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.glance4j.bootstrap.cli.CommandLines;
import org.glance4j.bootstrap.cli.DbImportGlanceCommand;
import org.glance4j.bootstrap.cli.DbLoadMetadefsCommand;
import org.glance4j.bootstrap.cli.DbOptions;
import org.glance4j.bootstrap.cli.DeletedRows;
import org.glance4j.bootstrap.cli.UsageErrors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command lines of {@code db import-glance} and {@code db load-metadefs}: what they parse, what they refuse. */
class DbCommandsTest {

    private final AtomicReference<DbOptions> parsed = new AtomicReference<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs one command whose action only keeps the options; the exit status. */
    private int run(Object command, String... args) {
        CommandLine line = CommandLines.configure(new CommandLine(command));
        line.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        line.setParameterExceptionHandler(new UsageErrors());
        return line.execute(args);
    }

    private int importGlance(String... args) {
        return run(
                new DbImportGlanceCommand(options -> {
                    parsed.set(options);
                    return 0;
                }),
                args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importGlanceTakesFromDryRunAndTheNodeOptions() {
        assertThat(importGlance(
                        "--from=sqlite:////g/glance.sqlite", "--dry-run", "--data-dir", "/d", "--config", "/c.conf"))
                .isZero();
        DbOptions options = parsed.get();
        assertThat(options.command()).isEqualTo("import-glance");
        assertThat(options.from()).contains("sqlite:////g/glance.sqlite");
        assertThat(options.dryRun()).isTrue();
        assertThat(options.dataDir()).isEqualTo(Path.of("/d"));
        assertThat(options.configFile()).contains(Path.of("/c.conf"));
        assertThat(importGlance("--from", "x://y")).isZero();
        assertThat(parsed.get().dryRun()).isFalse();
        assertThat(parsed.get().dataDir()).isEqualTo(Path.of("data"));
        assertThat(parsed.get().configFile()).isEmpty();
    }

    @Test
    void importGlanceRefusesWhatItDoesNotTake() {
        assertThat(importGlance()).isEqualTo(2);
        assertThat(err())
                .contains("glance4j: Missing required option: '--from=URL'")
                .contains("Run 'import-glance --help' for the options.");
        assertThat(importGlance("--from")).isEqualTo(2);
        assertThat(err()).contains("--from");
        assertThat(importGlance("--from", "a", "folder")).isEqualTo(2);
        assertThat(err()).contains("glance4j: unexpected argument 'folder'");
        assertThat(importGlance("--from", " ")).isEqualTo(2);
        assertThat(err()).contains("glance4j: --from needs a value");
        assertThat(parsed.get()).as("no bad command line reached the action").isNull();
    }

    @Test
    void deletedRowsAreSkippedUnlessCarriedAndChangedRecordsKeptUnlessReplaced() {
        assertThat(importGlance("--from", "x://y")).isZero();
        assertThat(parsed.get().deleted()).isEqualTo(DeletedRows.SKIP);
        assertThat(parsed.get().replaceChanged()).isFalse();
        assertThat(importGlance("--from", "x://y", "--deleted", "carry", "--replace-changed"))
                .isZero();
        assertThat(parsed.get().deleted()).isEqualTo(DeletedRows.CARRY);
        assertThat(parsed.get().replaceChanged()).isTrue();
        assertThat(importGlance("--from", "x://y", "--deleted=skip")).isZero();
        assertThat(parsed.get().deleted()).isEqualTo(DeletedRows.SKIP);
        assertThat(importGlance("--from", "x", "--deleted", "keep")).isEqualTo(2);
        assertThat(err()).contains("glance4j: --deleted takes skip or carry, not 'keep'");
        assertThat(importGlance("--from", "x", "--deleted")).isEqualTo(2);
        assertThat(err()).contains("--deleted");
    }

    @Test
    void loadMetadefsTakesOneFolderAndNoImportOptions() {
        DbLoadMetadefsCommand load = new DbLoadMetadefsCommand(options -> {
            parsed.set(options);
            return 0;
        });
        assertThat(run(load, "/usr/share/glance-common/metadefs", "--data-dir=/d"))
                .isZero();
        assertThat(parsed.get())
                .isEqualTo(new DbOptions(
                        "load-metadefs",
                        Path.of("/usr/share/glance-common/metadefs"),
                        Path.of("/d"),
                        Optional.empty(),
                        false));
        for (List<String> bad : List.of(
                List.of("dir", "--dry-run"), List.of("dir", "--from", "x"), List.of("dir", "--replace-changed"))) {
            err.reset();
            assertThat(run(new DbLoadMetadefsCommand(options -> 0), bad.toArray(String[]::new)))
                    .isEqualTo(2);
            assertThat(err()).startsWith("glance4j: unknown option " + bad.get(1));
        }
        err.reset();
        assertThat(run(new DbLoadMetadefsCommand(options -> 0))).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter: 'FOLDER'");
        assertThat(run(new DbLoadMetadefsCommand(options -> 0), "a", "b")).isEqualTo(2);
        assertThat(err()).contains("unexpected argument 'b'");
    }
}
