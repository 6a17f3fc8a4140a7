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
import org.glance4j.bootstrap.cli.ImagesVerifyCommand;
import org.glance4j.bootstrap.cli.ServeOptions;
import org.glance4j.bootstrap.cli.UsageErrors;
import org.glance4j.bootstrap.cli.VerifyOptions;
import org.glance4j.ports.model.ImageVerification;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code glance4j images verify}: what the command line accepts and refuses, and its help. */
class ImagesCommandLineTest {

    private final AtomicReference<VerifyOptions> parsed = new AtomicReference<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs {@code images verify} with an action that only keeps the options; the exit status. */
    private int verify(String... args) {
        parsed.set(null);
        err.reset();
        CommandLine line = CommandLines.configure(new CommandLine(new ImagesVerifyCommand(options -> {
            parsed.set(options);
            return 0;
        })));
        line.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        line.setParameterExceptionHandler(new UsageErrors());
        return line.execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyFlagInBothSpellings() {
        assertThat(verify(
                        "--store",
                        "cloud",
                        "--image=img-1",
                        "--rate",
                        "25",
                        "--data-dir=/var/lib/g",
                        "--config",
                        "/etc/g.conf"))
                .isZero();
        assertThat(parsed.get())
                .isEqualTo(new VerifyOptions(
                        Optional.of("cloud"),
                        Optional.of("img-1"),
                        Optional.of(25L),
                        false,
                        Optional.empty(),
                        Path.of("/var/lib/g"),
                        Optional.of(Path.of("/etc/g.conf")),
                        false));
        assertThat(verify("--report", "--status", "short")).isZero();
        VerifyOptions report = parsed.get();
        assertThat(report.report()).isTrue();
        assertThat(report.status()).hasValue("short");
        assertThat(report.dataDir()).isEqualTo(ServeOptions.DEFAULT_DATA_DIR);
        assertThat(report.rateMib()).isEmpty();
    }

    @Test
    void statusTakesTheWireNameOfEveryVerificationStatusAndNothingElse() {
        for (ImageVerification.Status status : ImageVerification.Status.values()) {
            assertThat(verify("--report", "--status", status.wireName())).isZero();
            assertThat(parsed.get().status()).hasValue(status.wireName());
            assertThat(verify("--report", "--status", status.name())).isEqualTo(Main.USAGE_ERROR);
        }
    }

    @Test
    void badCommandLinesAreRefusedWithAReasonAndExitStatus2() {
        assertThat(verify("--rate", "-1")).isEqualTo(Main.USAGE_ERROR);
        assertThat(err()).contains("--rate must be between 0 (no limit) and 1048576 MiB/s");
        assertThat(verify("--rate", "fast")).isEqualTo(Main.USAGE_ERROR);
        assertThat(err()).contains("--rate takes a whole number of MiB per second, not 'fast'");
        assertThat(verify("--store", "a", "--store", "b")).isEqualTo(Main.USAGE_ERROR);
        assertThat(err()).contains("--store");
        assertThat(verify("--report", "--image", "x")).isEqualTo(Main.USAGE_ERROR);
        assertThat(err()).contains("--report takes no --store, --image or --rate");
        assertThat(verify("--status", "ok")).isEqualTo(Main.USAGE_ERROR);
        assertThat(err()).contains("--status goes with --report");
        assertThat(verify("--report", "--status", "bad")).isEqualTo(Main.USAGE_ERROR);
        assertThat(err()).contains("--status takes ok, missing, short, corrupted or unreadable, not 'bad'");
        assertThat(verify("--store")).isEqualTo(Main.USAGE_ERROR);
        assertThat(err()).contains("--store");
        assertThat(verify("extra")).isEqualTo(Main.USAGE_ERROR);
        assertThat(err()).contains("extra");
        assertThat(parsed.get())
                .as("no refused command line reaches the action")
                .isNull();
    }

    @Test
    void helpAndUsageErrorsThroughMain() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertThat(Main.images(
                        List.of("verify", "--help"),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(errors, true, StandardCharsets.UTF_8)))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: glance4j images verify")
                .contains("--store=ID")
                .contains("--report")
                .contains("--status=STATUS")
                .contains("With --report: only ok, missing, short, corrupted, unreadable.")
                .contains("--data-dir=DIR");
        assertThat(Main.images(
                        List.of("verify", "--bogus"),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(errors, true, StandardCharsets.UTF_8)))
                .isEqualTo(Main.USAGE_ERROR);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("--bogus");
    }
}
