package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar draws a progress bar for {@code db load-metadefs} and {@code db export-metadefs} on a terminal
 * (a pseudo-terminal made by util-linux's {@code script}, so that {@link System#console()} is there) and none when
 * its output goes to a file; both end with the same summary line.
 */
class TerminalProgressProcessTest {

    private static final long GUARD_SECONDS = 180;

    @TempDir
    Path work;

    @Test
    void theBarIsDrawnOnATerminalAndNotInAFile() throws Exception {
        Path catalog = Path.of(
                TerminalProgressProcessTest.class.getResource("/metadefs").toURI());

        String onTerminal = onTerminal(
                "db",
                "load-metadefs",
                catalog.toString(),
                "--data-dir",
                work.resolve("a").toString());
        assertThat(onTerminal)
                .contains("\rnamespaces [" + " ".repeat(30) + "] 3% 1/33")
                .contains("\rnamespaces [" + "#".repeat(30) + "] 100% 33/33")
                .containsPattern("metadefs: 33 loaded, 0 skipped \\(already there\\), 0 failed, from .* \\(\\d+ bytes"
                        + " in \\d+\\.\\d s\\)");
        String inAFile = inAFile(
                "db",
                "load-metadefs",
                catalog.toString(),
                "--data-dir",
                work.resolve("b").toString());
        assertThat(inAFile)
                .doesNotContain("\r")
                .doesNotContain("namespaces [")
                .containsPattern("metadefs: 33 loaded, 0 skipped \\(already there\\), 0 failed, from .* \\(\\d+ bytes"
                        + " in \\d+\\.\\d s\\)");

        assertThat(onTerminal(
                        "db",
                        "export-metadefs",
                        work.resolve("out-a").toString(),
                        "--data-dir",
                        work.resolve("a").toString()))
                .contains("\rnamespaces [" + "#".repeat(30) + "] 100% 33/33")
                .containsPattern("metadefs: 33 exported, 0 failed, to .* \\(\\d+ bytes in \\d+\\.\\d s\\)");
        assertThat(inAFile(
                        "db",
                        "export-metadefs",
                        work.resolve("out-b").toString(),
                        "--data-dir",
                        work.resolve("b").toString()))
                .doesNotContain("\r")
                .doesNotContain("namespaces [")
                .containsPattern("metadefs: 33 exported, 0 failed, to .* \\(\\d+ bytes in \\d+\\.\\d s\\)");
    }

    /** The output of the jar run with a terminal as its input and output. */
    private String onTerminal(String... args) throws Exception {
        StringBuilder command = new StringBuilder();
        for (String part : java(args)) {
            command.append(command.length() == 0 ? "" : " ")
                    .append("'")
                    .append(part.replace("'", "'\\''"))
                    .append("'");
        }
        return output(
                List.of("script", "--quiet", "--return", "--flush", "--command", command.toString(), "/dev/null"));
    }

    /** The output (both streams) of the jar run with a file as its output. */
    private String inAFile(String... args) throws Exception {
        return output(java(args));
    }

    private String output(List<String> command) throws Exception {
        Path log = Files.createTempFile(work, "run", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null"))
                .start();
        assertThat(process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS))
                .as("the command ended")
                .isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static List<String> java(String... args) {
        Path jar = Path.of(System.getProperty("glance4j.jar", "target/glance4j.jar"));
        assertThat(jar).as("the runnable jar; run these tests with mvn verify").exists();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
