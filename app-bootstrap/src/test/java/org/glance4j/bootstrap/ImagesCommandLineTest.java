package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.glance4j.bootstrap.cli.ImagesCommandLine;
import org.glance4j.bootstrap.cli.ServeOptions;
import org.glance4j.bootstrap.cli.UsageException;
import org.glance4j.bootstrap.cli.VerifyOptions;
import org.junit.jupiter.api.Test;

/** {@code glance4j images verify}: what the command line accepts and refuses, and its help. */
class ImagesCommandLineTest {

    @Test
    void everyFlagInBothSpellings() {
        VerifyOptions options = ImagesCommandLine.parse(List.of("verify", "--store", "cloud", "--image=img-1",
                "--rate", "25", "--data-dir=/var/lib/g", "--config", "/etc/g.conf"));
        assertThat(options).isEqualTo(new VerifyOptions(Optional.of("cloud"), Optional.of("img-1"), Optional.of(25L),
                false, Optional.empty(), Path.of("/var/lib/g"), Optional.of(Path.of("/etc/g.conf")), false));
        VerifyOptions report = ImagesCommandLine.parse(List.of("verify", "--report", "--status", "short"));
        assertThat(report.report()).isTrue();
        assertThat(report.status()).hasValue("short");
        assertThat(report.dataDir()).isEqualTo(ServeOptions.DEFAULT_DATA_DIR);
        assertThat(report.rateMib()).isEmpty();
    }

    @Test
    void badCommandLinesAreRefusedWithAReason() {
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of())).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of("check"))).hasMessageContaining("unknown images");
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of("verify", "--rate", "-1")))
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of("verify", "--rate", "fast")))
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of("verify", "--store", "a", "--store", "b")))
                .hasMessageContaining("more than once");
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of("verify", "--report", "--image", "x")))
                .hasMessageContaining("--report takes no");
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of("verify", "--status", "ok")))
                .hasMessageContaining("--status goes with --report");
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of("verify", "--report", "--status", "bad")))
                .hasMessageContaining("--status takes");
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of("verify", "--store")))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ImagesCommandLine.parse(List.of("verify", "extra")))
                .hasMessageContaining("unexpected argument extra");
    }

    @Test
    void helpAndUsageErrorsThroughMain() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.images(List.of("verify", "--help"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ImagesCommandLine.USAGE + "\n");
        assertThat(Main.images(List.of("verify", "--bogus"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(Main.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
    }
}
