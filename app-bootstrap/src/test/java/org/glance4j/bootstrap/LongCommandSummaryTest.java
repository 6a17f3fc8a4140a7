package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long operator commands end with one summary line (counts, bytes, seconds) whatever the output is, and draw no
 * progress bar when there is no terminal (as here: the test's output is a pipe).
 */
class LongCommandSummaryTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(
                        List.of(args),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .status();
    }

    @Test
    void loadAndExportOfTheCatalogEndWithCountsBytesAndSecondsAndNoProgressBar() throws Exception {
        Path catalog =
                Path.of(LongCommandSummaryTest.class.getResource("/metadefs").toURI());
        Path data = dir.resolve("data");

        assertThat(run("db", "load-metadefs", catalog.toString(), "--data-dir", data.toString()))
                .isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(34);
        assertThat(lines.get(33))
                .matches(Pattern.quote("metadefs: 33 loaded, 0 skipped (already there), 0 failed, " + "from " + catalog
                                + " (" + jsonBytes(catalog) + " bytes in ")
                        + "\\d+\\.\\d s\\)");
        assertNoProgressBar();

        Path exported = dir.resolve("exported");
        assertThat(run("db", "export-metadefs", exported.toString(), "--data-dir", data.toString()))
                .isZero();
        lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(34);
        assertThat(lines.get(33))
                .matches(Pattern.quote("metadefs: 33 exported, 0 failed, to " + exported + " (" + jsonBytes(exported)
                                + " bytes in ")
                        + "\\d+\\.\\d s\\)");
        assertNoProgressBar();
    }

    private void assertNoProgressBar() {
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\r").doesNotContain("namespaces [");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static long jsonBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            long total = 0;
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
