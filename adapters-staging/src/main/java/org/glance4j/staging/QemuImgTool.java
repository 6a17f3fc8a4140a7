package org.glance4j.staging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.DiskImageInfo;
import org.glance4j.ports.out.importing.DiskImageTool;
import org.glance4j.ports.out.importing.DiskImageToolException;
import org.glance4j.ports.out.importing.DiskImageToolException.Failure;

/**
 * The real {@code qemu-img}, run without a shell on the files of a {@link FileStagingArea}: {@code info} with
 * {@code --output=json} (read with Jackson), and {@code convert} into a work file beside the staged file that is
 * renamed over it when qemu-img succeeded. A run that writes anything to its standard error counts as failed, and
 * a run is stopped after an hour.
 */
public final class QemuImgTool implements DiskImageTool {

    private static final long TIMEOUT_MINUTES = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final File NOWHERE = new File("/dev/null");

    private final FileStagingArea staging;
    private final String command;

    /**
     * @param staging the staging area whose files qemu-img works on
     * @param command the qemu-img command (a name looked up on the {@code PATH}, or a path)
     */
    public QemuImgTool(FileStagingArea staging, String command) {
        this.staging = staging;
        this.command = command;
    }

    @Override
    public DiskImageInfo info(String imageId, String format) {
        Path file = staged(imageId);
        String answer = run("info", List.of(command, "info", "-f", format, "--output=json", file.toString()));
        JsonNode info;
        try {
            info = JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new DiskImageToolException("info", Failure.UNREADABLE_ANSWER, "", e);
        }
        if (info == null || !info.isObject()) {
            throw new DiskImageToolException("info", Failure.UNREADABLE_ANSWER, "", null);
        }
        JsonNode virtualSize = info.path("virtual-size");
        return new DiskImageInfo(
                text(info.get("format")),
                virtualSize.isIntegralNumber() && virtualSize.canConvertToLong() ? virtualSize.asLong() : null,
                text(info.get("backing-filename")),
                text(info.path("format-specific").path("data").get("data-file")));
    }

    /** A JSON value as text: null for none or null, a string as itself, anything else as its JSON. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    @Override
    public void convert(String imageId, String sourceFormat, String targetFormat) {
        Path file = staged(imageId);
        Path target = staging.workFile(imageId);
        try {
            run(
                    "convert",
                    List.of(
                            command,
                            "convert",
                            "-f",
                            sourceFormat,
                            "-O",
                            targetFormat,
                            file.toString(),
                            target.toString()));
            Files.move(target, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            FileStagingArea.deleteQuietly(target);
        }
    }

    private Path staged(String imageId) {
        return staging.localPath(imageId)
                .orElseThrow(() -> GlanceException.notFound("The staged data of image " + imageId + " is missing"));
    }

    /** Runs a command without a shell; its standard output, or a failure naming what it wrote to stderr. */
    private static String run(String operation, List<String> argv) {
        Path errors = null;
        Path output = null;
        try {
            errors = Files.createTempFile("glance4j-qemu-img", ".err");
            output = Files.createTempFile("glance4j-qemu-img", ".out");
            Process process;
            try {
                process = new ProcessBuilder(argv)
                        .redirectError(errors.toFile())
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(NOWHERE))
                        .start();
            } catch (IOException e) {
                throw new DiskImageToolException(operation, Failure.CANNOT_RUN, argv.get(0), e);
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new DiskImageToolException(operation, Failure.TIMED_OUT, "", null);
            }
            String stderr = Files.readString(errors, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || !stderr.isEmpty()) {
                throw new DiskImageToolException(
                        operation,
                        Failure.FAILED,
                        stderr.isEmpty() ? "exit status " + process.exitValue() : stderr,
                        null);
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiskImageToolException(operation, Failure.FAILED, "interrupted", e);
        } finally {
            deleteTemp(errors);
            deleteTemp(output);
        }
    }

    private static void deleteTemp(Path path) {
        if (path != null) {
            FileStagingArea.deleteQuietly(path);
        }
    }
}
