package org.glance4j.bootstrap.api.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.testing.RequiredTool;

/**
 * Disk images made by {@code qemu-img} in a directory of the test. Without qemu-img the test is skipped, except
 * in CI ({@code CI=true}), where it fails: {@code .ci/run} installs Debian's qemu-utils.
 */
final class QemuImages {
    private final Path dir;

    QemuImages(Path dir) {
        this.dir = dir;
    }

    static void require() {
        try {
            Process p = new ProcessBuilder("qemu-img", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw RequiredTool.missing("qemu-img", "qemu-utils");
    }

    /** Runs {@code qemu-img args...} in the directory, failing the test when it fails. */
    void run(String... args) {
        require();
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code qemu-img create -f format [options] name size}; the image's bytes. */
    byte[] create(String name, String format, String size, String... options) {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", format));
        args.addAll(List.of(options));
        args.add(name);
        args.add(size);
        run(args.toArray(String[]::new));
        return bytes(name);
    }

    byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes with the first occurrence of {@code from} overwritten by {@code to}, padded with spaces. */
    static byte[] replace(byte[] bytes, String from, String to) {
        byte[] needle = from.getBytes(StandardCharsets.US_ASCII);
        byte[] replacement =
                (to + " ".repeat(Math.max(0, from.length() - to.length()))).getBytes(StandardCharsets.US_ASCII);
        byte[] out = bytes.clone();
        for (int i = 0; i + needle.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + needle.length, needle, 0, needle.length)) {
                System.arraycopy(replacement, 0, out, i, needle.length);
                return out;
            }
        }
        throw new AssertionError("not found: " + from);
    }
}
