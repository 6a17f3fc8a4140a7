package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGTERM sent the moment the runnable jar prints a given line, read from its pipe (no polling, so the signal lands
 * within the window right after the line): the server must stop cleanly every time, with the stopped line, exit
 * status 143 and no exception. The signal goes through the
 * process handle, which, unlike {@link Process#destroy()}, leaves the pipe open to read the rest of the output.
 */
class SignalDuringStartProcessTest {

    @TempDir
    Path dir;

    /** Right after the ready line the window is a few microseconds wide: it takes several runs to hit it. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"glance4j listening on|8", "HikariDataSource|2", "interrupted uploads put back|2"})
    void sigtermRightAfterALineOfTheStartStopsCleanly(String trigger, int runs) throws Exception {
        for (int run = 0; run < runs; run++) {
            String output = startAndSignalOn(dir.resolve("data-" + run), line -> line.contains(trigger));
            assertThat(output)
                    .as("run %d, SIGTERM on '%s'; output:%n%s", run, trigger, output)
                    .contains(trigger)
                    .contains("exit status 143")
                    .contains("glance4j stopped")
                    .doesNotContain("Exception")
                    .doesNotContain("Shutdown in progress");
        }
    }

    /** Starts the jar, sends SIGTERM on the first line that {@code trigger} accepts, returns all its output. */
    private static String startAndSignalOn(Path dataDir, Predicate<String> trigger) throws Exception {
        Path jar = Path.of(System.getProperty("glance4j.jar", "target/glance4j.jar"));
        assertThat(jar).exists();
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        jar.toString(),
                        "serve",
                        "--port",
                        "0",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            boolean signalled = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!signalled && trigger.test(line)) {
                    process.toHandle().destroy();
                    signalled = true;
                }
                output.append(line).append('\n');
            }
            // A guard against a hung process, not a timing assertion.
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("the server stopped; output:%n%s", output)
                    .isTrue();
            return output.append("exit status ")
                    .append(process.exitValue())
                    .append('\n')
                    .toString();
        } finally {
            process.destroyForcibly();
        }
    }
}
