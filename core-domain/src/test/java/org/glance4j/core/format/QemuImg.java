package org.glance4j.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glance4j.ports.testing.RequiredTool;

/**
 * Runs {@code qemu-img} to make real disk images. Without qemu-img the calling test is skipped, except in CI
 * ({@code CI=true}), where it fails: {@code .ci/run} installs qemu-utils.
 */
final class QemuImg {
    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\":\\s*(\\d+)");

    private QemuImg() {}

    static void require() {
        if (available()) {
            return;
        }
        throw RequiredTool.missing("qemu-img", "qemu-utils");
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("qemu-img", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code qemu-img args...} in {@code dir}; fails the test when it fails. Returns its output. */
    static String run(Path dir, String... args) {
        require();
        List<String> command = new ArrayList<>();
        command.add("qemu-img");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("qemu-img finished").isTrue();
            assertThat(p.exitValue()).as("qemu-img %s: %s", command, out).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code qemu-img create -f format [options] name size} in {@code dir}; returns the image's path. */
    static Path create(Path dir, String name, String format, String size, String... options) {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", format));
        args.addAll(List.of(options));
        args.add(name);
        args.add(size);
        run(dir, args.toArray(String[]::new));
        return dir.resolve(name);
    }

    /** The virtual size qemu-img reports for an image of the given format. */
    static long virtualSize(Path image, String format) {
        String info = run(
                image.getParent(),
                "info",
                "-f",
                format,
                "--output=json",
                image.getFileName().toString());
        Matcher m = VIRTUAL_SIZE.matcher(info);
        assertThat(m.find()).as("virtual-size in %s", info).isTrue();
        return Long.parseLong(m.group(1));
    }
}
