package org.glance4j.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {

    private static final String ABSENT =
            "glance4j-no-such-tool-" + ProcessHandle.current().pid();

    @TempDir
    Path bin;

    @Test
    void aProgramOnPathIsFound() throws IOException {
        Path tool = executable("glance4j-test-tool");
        RequiredTool local = new RequiredTool(Map.of("PATH", "/nonexistent:" + bin));

        assertThat(local.require("glance4j-test-tool", "some-package")).isEqualTo(tool);
        assertThat(local.locate("glance4j-test-tool")).contains(tool);
    }

    @Test
    void aFileThatIsNotExecutableIsNotAProgram() throws IOException {
        Files.writeString(bin.resolve("glance4j-not-executable"), "data");
        RequiredTool local = new RequiredTool(Map.of("PATH", bin.toString()));

        assertThat(local.locate("glance4j-not-executable")).isEmpty();
    }

    @Test
    void programsInTheSystemDirectoriesAreFoundWithoutThemOnPath() {
        RequiredTool local = new RequiredTool(Map.of("PATH", bin.toString()));

        // sh is in /bin or /usr/bin on every machine that runs these tests
        assertThat(local.locate("sh")).isPresent();
    }

    @Test
    void locallyAMissingProgramSkipsTheTestWithTheInstallCommand() {
        RequiredTool local = new RequiredTool(Map.of("PATH", bin.toString()));

        assertThatThrownBy(() -> local.require(ABSENT, "some-package"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(ABSENT + " is not installed")
                .hasMessageContaining("skipped")
                .hasMessageContaining("apt-get install -y some-package");
    }

    @Test
    void underCiAMissingProgramFailsTheTestNamingThePackage() {
        RequiredTool ci = new RequiredTool(Map.of("PATH", bin.toString(), "CI", "true"));

        assertThatThrownBy(() -> ci.require(ABSENT, "some-package"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(ABSENT + " is not installed")
                .hasMessageContaining("CI=true")
                .hasMessageContaining("apt-get install -y some-package");
    }

    @Test
    void ciIsReadAsGithubAndGitlabSetIt() {
        assertThat(new RequiredTool(Map.of("CI", "TRUE")).ci()).isTrue();
        assertThat(new RequiredTool(Map.of("CI", "true")).ci()).isTrue();
        assertThat(new RequiredTool(Map.of("CI", "false")).ci()).isFalse();
        assertThat(new RequiredTool(Map.of()).ci()).isFalse();
    }

    @Test
    void requireNamesOnlyTheMissingPartsOfAServer() throws IOException {
        executable("glance4j-present-daemon");
        Path data = Files.createDirectory(bin.resolve("catalog"));
        RequiredTool local = new RequiredTool(Map.of("PATH", bin.toString()));

        local.requireAll("A server", "pkg-a pkg-b", "glance4j-present-daemon", data.toString());
        assertThatThrownBy(() -> local.requireAll(
                        "A server",
                        "pkg-a pkg-b",
                        "glance4j-present-daemon",
                        ABSENT,
                        bin.resolve("absent-dir").toString()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("A server (missing " + ABSENT + ", " + bin.resolve("absent-dir") + ")")
                .hasMessageContaining("apt-get install -y pkg-a pkg-b")
                .message()
                .doesNotContain("glance4j-present-daemon");
    }

    @Test
    void aCheckOfItsOwnKindReportsTheSameWay() {
        RequiredTool ci = new RequiredTool(Map.of("CI", "true"));
        RequiredTool local = new RequiredTool(Map.of());

        assertThatThrownBy(() -> ci.report("librbd", "librbd1"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("apt-get install -y librbd1");
        assertThatThrownBy(() -> local.report("librbd", "librbd1"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install -y librbd1");
    }

    @Test
    void noOtherTestSourceDecidesForItselfWhatAMissingServerMeans() throws IOException {
        // ports' tests run in ports/; the whole tree is its parent
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> ownPolicies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(RequiredToolTest::isTestSource)::iterator) {
                String text = Files.readString(file);
                if (!file.endsWith("RequiredTool.java") && text.contains("getenv(\"CI\")")) {
                    ownPolicies.add(root.relativize(file).toString());
                }
            }
        }
        assertThat(ownPolicies)
                .as("test sources that read CI themselves instead of using RequiredTool")
                .isEmpty();
    }

    private static boolean isTestSource(Path file) {
        String path = file.toString();
        return path.endsWith(".java")
                && path.contains("/src/test/")
                && !path.contains("/target/")
                && !path.contains("/.git/");
    }

    private Path executable(String name) throws IOException {
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }
}
