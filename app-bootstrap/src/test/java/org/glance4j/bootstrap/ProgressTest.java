package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.glance4j.bootstrap.cli.Progress;
import org.junit.jupiter.api.Test;

/** The progress bar and summary figures of the long operator commands. */
class ProgressTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void redrawsItsLineOnlyWhenThePercentageChangesAndEndsIt() {
        StringWriter drawn = new StringWriter();
        Progress progress = new Progress(new PrintWriter(drawn), "images", 400, clock::get);
        for (int k = 0; k < 400; k++) {
            progress.step();
        }
        progress.finish();
        String text = drawn.toString();
        assertThat(text.split("\\r", -1))
                .as("one drawing per percent, 0 to 100")
                .hasSize(102);
        assertThat(text)
                .contains("\rimages [" + " ".repeat(30) + "] 0% 1/400")
                .contains("] 50% 200/400")
                .endsWith("\rimages [" + "#".repeat(30) + "] 100% 400/400" + System.lineSeparator());
    }

    @Test
    void withoutATerminalItDrawsNothingButStillCountsItemsBytesAndSeconds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Progress progress = new Progress(null, "namespaces", 3, clock::get);
        progress.println(stream, "loaded A from a.json");
        progress.step(100);
        progress.step(23);
        clock.addAndGet(2_345_000_000L);
        progress.step();
        progress.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("loaded A from a.json\n");
        assertThat(progress.done()).isEqualTo(3);
        assertThat(progress.bytes()).isEqualTo(123);
        assertThat(progress.elapsed()).isEqualTo("2.3 s");
        assertThat(progress.bytesAndElapsed()).isEqualTo("123 bytes in 2.3 s");
    }

    @Test
    void aLineOfOutputGoesAboveTheBarWhichIsDrawnAgainBelowIt() {
        StringWriter terminal = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintWriter(terminal), "namespaces", 2, clock::get);
        progress.step(10);
        String bar = "namespaces [" + "#".repeat(15) + " ".repeat(15) + "] 50% 1/2";
        assertThat(terminal.toString()).isEqualTo("\r" + bar);
        progress.println(new PrintStream(out, true, StandardCharsets.UTF_8), "exported B to b.json");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("exported B to b.json\n");
        assertThat(terminal.toString()).isEqualTo("\r" + bar + "\r" + " ".repeat(bar.length()) + "\r" + "\r" + bar);
    }
}
