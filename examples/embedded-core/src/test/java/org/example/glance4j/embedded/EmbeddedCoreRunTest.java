package org.example.glance4j.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the example as a program, in a JVM of its own on this build's class path, and checks that it exits 0, prints
 * each step, and leaves the downloaded copy and the SQLite file behind but no image data in the store.
 */
class EmbeddedCoreRunTest {

    @Test
    void theProgramCreatesUploadsListsDownloadsAndDeletesAnImage(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // surefire names the test class path here (java.class.path may be a manifest-only jar)
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process program = new ProcessBuilder(java.toString(), "-cp", classPath,
                EmbeddedCore.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile()).start();
        assertThat(program.waitFor(300, TimeUnit.SECONDS)).as("the program ends").isTrue();
        String output = Files.readString(dir.resolve("output.txt"));
        assertThat(program.exitValue()).as(output).isZero();

        List<String> lines = output.lines().filter(l -> l.matches("(uploaded|listed|downloaded|deleted) .*")).toList();
        assertThat(lines).as(output).hasSize(4);
        String id = lines.get(0).split(" ")[1];
        assertThat(lines.get(0)).isEqualTo("uploaded " + id + " active 7B");
        assertThat(lines.get(1)).as("with the md5 of \"Hello!\\n\"")
                .isEqualTo("listed " + id + " demo e134ced312b3511d88943d57ccd70c83");
        assertThat(lines.get(2)).isEqualTo("downloaded 7 bytes to " + dir.resolve("demo.raw"));
        assertThat(lines.get(3)).isEqualTo("deleted " + id);

        assertThat(Files.readString(dir.resolve("demo.raw"), StandardCharsets.UTF_8)).isEqualTo("Hello!\n");
        assertThat(dir.resolve("glance.sqlite")).isRegularFile();
        try (var left = Files.list(dir.resolve("images"))) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).as("the store holds nothing once deleted")
                    .isEmpty();
        }
        assertThat(classPath.split(File.pathSeparator))
                .as("the core without an HTTP server or Guice").anyMatch(p -> p.contains("glance4j-core-domain"))
                .noneMatch(p -> p.contains("guice") || p.contains("undertow") || p.contains("adapters-http"));
    }
}
