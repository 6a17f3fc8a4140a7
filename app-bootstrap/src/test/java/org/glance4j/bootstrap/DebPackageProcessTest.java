package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the Debian package that {@code mvn package} builds with {@code dpkg -i} on this machine, starts the server
 * the way its systemd unit does (the unit's {@code ExecStart}, as the {@code glance4j} user, without systemd), uploads
 * and downloads an image, stops it with SIGTERM, and purges the package, which must leave nothing behind. The package
 * is purged whatever happens. It needs root: run as another user it is skipped, except under {@code CI=true}, where it
 * fails. It runs after {@code package} (see the pom).
 */
class DebPackageProcessTest {

    private static final String PACKAGE = "glance4j";
    private static final Pattern READY = Pattern.compile("glance4j listening on (http://127\\.0\\.0\\.1:(\\d+))");
    private static final Path UNIT = Path.of("/lib/systemd/system/glance4j.service");
    private static final List<Path> PACKAGE_PATHS = List.of(
            Path.of("/etc/glance4j"),
            Path.of("/var/lib/glance4j"),
            Path.of("/var/log/glance4j"),
            Path.of("/usr/share/glance4j"),
            Path.of("/usr/bin/glance4j"),
            UNIT);

    @Test
    void theDebianPackageInstallsServesAndPurgesCleanly(@TempDir Path dir) throws Exception {
        requireRootAndDpkg(dir);
        Path deb = Path.of(System.getProperty("glance4j.deb", "target/glance4j_0.1.0-SNAPSHOT_all.deb"));
        assertThat(deb).exists();
        boolean userExisted = run(dir, "getent", "passwd", PACKAGE).status() == 0;
        Process server = null;
        try {
            Result install = run(dir, "dpkg", "-i", deb.toString());
            assertThat(install.status()).as("dpkg -i:%n%s", install.output()).isZero();

            assertInstalledLayout(dir);
            server = startLikeTheUnit(dir);
            URI base = awaitReadyLine(server, dir.resolve("server.log"));
            uploadAndDownload(base);
            assertThat(Files.readString(Path.of("/proc", Long.toString(server.pid()), "cmdline")))
                    .as("the JVM got the options of /etc/glance4j/jvm.options")
                    .contains("-Xmx192m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

            server.destroy();
            // A guard against a hung process, not a timing assertion.
            assertThat(server.waitFor(120, TimeUnit.SECONDS))
                    .as("the server stopped")
                    .isTrue();
            String output = Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
            assertThat(server.exitValue())
                    .as("exit status; output:%n%s", output)
                    .isIn(0, 143);
            assertThat(output).contains("glance4j stopped");
            assertThat(Path.of("/var/log/glance4j/gc.log"))
                    .as("the launcher's GC log")
                    .exists();

            Result purge = run(dir, "dpkg", "--purge", PACKAGE);
            assertThat(purge.status()).as("dpkg --purge:%n%s", purge.output()).isZero();
            assertThat(installed(dir)).as("package state after purge").isFalse();
            for (Path path : PACKAGE_PATHS) {
                assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS))
                        .as("%s after purge", path)
                        .isFalse();
            }
            assertThat(run(dir, "getent", "passwd", PACKAGE).status())
                    .as("the system user is kept on purge, as Debian keeps system users")
                    .isZero();
        } finally {
            if (server != null) {
                server.destroyForcibly();
                server.waitFor(60, TimeUnit.SECONDS);
            }
            if (installed(dir)) {
                run(dir, "dpkg", "--purge", PACKAGE);
            }
            if (!userExisted) {
                run(dir, "deluser", "--system", "--quiet", PACKAGE);
                run(dir, "delgroup", "--system", "--quiet", PACKAGE);
            }
        }
    }

    private static void assertInstalledLayout(Path dir) throws Exception {
        assertThat(Path.of("/usr/bin/glance4j")).isSymbolicLink();
        assertThat(Path.of("/usr/share/glance4j/bin/glance4j")).isExecutable();
        assertThat(Path.of("/usr/share/glance4j/lib/glance4j.jar")).isRegularFile();
        assertThat(Path.of("/etc/glance4j/jvm.options")).isRegularFile();
        assertThat(Files.readString(Path.of("/etc/glance4j/glance-api.conf")))
                .as("the sample configuration, generated from the option catalogue")
                .isEqualTo(SampleConfigTest.packagedSample());
        Result conffiles = run(dir, "dpkg-query", "-W", "-f=${Conffiles}", PACKAGE);
        assertThat(conffiles.output()).contains("/etc/glance4j/jvm.options", "/etc/glance4j/glance-api.conf");
        Result user = run(dir, "getent", "passwd", PACKAGE);
        assertThat(user.status()).as("the system user").isZero();
        assertThat(user.output()).contains(":/var/lib/glance4j:").contains("nologin");
        for (String directory : List.of("/var/lib/glance4j", "/var/log/glance4j")) {
            assertThat(Files.getOwner(Path.of(directory)).getName())
                    .as("owner of %s", directory)
                    .isEqualTo(PACKAGE);
        }
        assertThat(Files.readString(UNIT))
                .contains(
                        "User=glance4j",
                        "ExecStart=/usr/share/glance4j/bin/glance4j serve --config /etc/glance4j/glance-api.conf "
                                + "--data-dir /var/lib/glance4j");
        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            Result verify = run(dir, "systemd-analyze", "verify", UNIT.toString());
            assertThat(verify.status())
                    .as("systemd-analyze verify:%n%s", verify.output())
                    .isZero();
            assertThat(verify.output()).doesNotContain("glance4j.service:");
        }
    }

    /** The unit's ExecStart as the glance4j user in its working directory, on a free port instead of 9292. */
    private static Process startLikeTheUnit(Path dir) throws IOException {
        String execStart = Files.readAllLines(UNIT).stream()
                .filter(l -> l.startsWith("ExecStart="))
                .map(l -> l.substring("ExecStart=".length()))
                .findFirst()
                .orElseThrow();
        List<String> command =
                new ArrayList<>(List.of("setpriv", "--reuid=glance4j", "--regid=glance4j", "--init-groups"));
        command.addAll(Arrays.asList(execStart.split(" ")));
        command.addAll(List.of("--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(new java.io.File("/var/lib/glance4j"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().keySet().removeAll(List.of("JAVA_HOME", "JAVA_OPTS", "GLANCE4J_JVM_OPTIONS"));
        return builder.start();
    }

    private static void uploadAndDownload(URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(base.resolve("v2/images"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\": \"packaged\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\": ?\"([0-9a-f-]{36})\"").matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();
        URI file = base.resolve("v2/images/" + id.group(1) + "/file");
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(18).nextBytes(bytes);

        HttpResponse<String> upload = http.send(
                HttpRequest.newBuilder(file)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        HttpResponse<byte[]> download =
                http.send(HttpRequest.newBuilder(file).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);

        try (Stream<Path> images = Files.list(Path.of("/var/lib/glance4j/images"))) {
            List<Path> stored = images.toList();
            assertThat(stored)
                    .as("the image file in the package's data directory")
                    .hasSize(1);
            assertThat(Files.getOwner(stored.get(0)).getName()).isEqualTo(PACKAGE);
        }
    }

    private static URI awaitReadyLine(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher ready = READY.matcher(output);
            if (ready.find()) {
                return URI.create(ready.group(1) + "/");
            }
            assertThat(process.isAlive())
                    .as("the server exited early; output:%n%s", output)
                    .isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no ready line; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Root and dpkg, or the test is skipped (locally) or fails (under CI=true, which runs as root on Debian). */
    private static void requireRootAndDpkg(Path dir) throws Exception {
        String why = null;
        if (!"root".equals(System.getProperty("user.name"))) {
            why = "installing the .deb needs root: run as root "
                    + "mvn -B verify -pl app-bootstrap -am -Dtest=DebPackageProcessTest -Dsurefire.failIfNoSpecifiedTests=false";
        } else {
            RequiredTool.require("dpkg", "dpkg", "dpkg", "dpkg-query");
            if (installed(dir)) {
                why = "a glance4j package is already installed on this machine; the test leaves it alone "
                        + "(dpkg --purge glance4j first)";
            }
        }
        if (why == null) {
            return;
        }
        if (RequiredTool.underCi()) {
            throw new IllegalStateException(why);
        }
        Assumptions.abort(why);
    }

    private static boolean installed(Path dir) throws Exception {
        Result status = run(dir, "dpkg-query", "-W", "-f=${Status}", PACKAGE);
        return status.status() == 0 && !status.output().contains("not-installed");
    }

    private record Result(int status, String output) {}

    private static Result run(Path dir, String... command) throws Exception {
        Path output = Files.createTempFile(dir, "command", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        // A guard against a hung command, not a timing assertion.
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
