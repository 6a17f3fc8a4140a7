package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks the tarball that {@code mvn package} builds and runs its {@code bin/glance4j} launcher as an operator
 * would, from anywhere and through a link. It runs after {@code package} (see the pom).
 */
class TarballProcessTest {

    @TempDir
    Path dir;

    private Path home;

    @BeforeEach
    void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("glance4j.tarball", "target/glance4j-0.1.0-SNAPSHOT.tar.gz"));
        assertThat(tarball).exists();
        Result untar =
                run(List.of("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", dir.toString()), List.of());
        assertThat(untar.status()).as(untar.output()).isZero();
        try (var entries = Files.list(dir)) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("glance4j-"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void holdsTheLauncherTheJarAndTheConfiguration() throws Exception {
        assertThat(home.resolve("bin/glance4j")).isExecutable();
        assertThat(home.resolve("lib/glance4j.jar")).isRegularFile();
        assertThat(home.resolve("conf/jvm.options")).isRegularFile();
        assertThat(home.resolve("logs")).isDirectory();
        assertThat(Files.readString(home.resolve("conf/glance-api.conf")))
                .as("the sample written at build time from the option catalogue")
                .isEqualTo(SampleConfigTest.packagedSample());
    }

    @Test
    void theLauncherRunsTheJarWithTheOptionsFileThroughALink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("glance4j"), home.resolve("bin/glance4j"));

        // PrintFlagsFinal shows the JVM's settings before the command's own output: those of conf/jvm.options.
        Result result = run(List.of(link.toString(), "config", "sample"), List.of("JAVA_OPTS=-XX:+PrintFlagsFinal"));

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output())
                .containsPattern("MaxHeapSize +:?= 201326592 ")
                .containsPattern("UseSerialGC +:?= true ")
                .containsPattern("ExitOnOutOfMemoryError +:?= true ")
                .endsWith(SampleConfigTest.packagedSample());
    }

    @Test
    void theLauncherSaysWhichOptionsFileItCannotRead() throws Exception {
        Result result = run(
                List.of(home.resolve("bin/glance4j").toString(), "config", "sample"),
                List.of("GLANCE4J_JVM_OPTIONS=" + dir.resolve("missing.options")));

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("cannot read the JVM options file " + dir.resolve("missing.options"));
    }

    private record Result(int status, String output) {}

    private Result run(List<String> command, List<String> environment) throws Exception {
        Path output = Files.createTempFile(dir, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeAll(List.of("JAVA_OPTS", "GLANCE4J_JVM_OPTIONS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        for (String variable : environment) {
            int equals = variable.indexOf('=');
            builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        Process process = builder.start();
        // A guard against a hung command, not a timing assertion.
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
