package org.glance4j.core.importing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * {@code image_conversion}: converts the staged data to {@code [image_conversion] output_format} with the real
 * {@code qemu-img}, as Glance does. Before qemu-img sees the file, the inspector confirms it is the declared
 * format and safe; {@code qemu-img info} must agree about the format and show no backing or data file; the
 * converted file is inspected again. Afterwards the image's disk format is the output format, its container
 * format {@code bare}, and its virtual size the one qemu-img reports. An ISO declared iso is left alone.
 */
final class ConversionPlugin implements ImportPlugin {

    private static final long TIMEOUT_MINUTES = 60;

    private final StagedImageInspector inspector;
    private final String outputFormat;
    private final String qemuImg;

    ConversionPlugin(StagedImageInspector inspector, String outputFormat, String qemuImg) {
        this.inspector = inspector;
        this.outputFormat = outputFormat;
        this.qemuImg = qemuImg;
    }

    @Override
    public String name() {
        return "image_conversion";
    }

    @Override
    public void apply(ImportWork work) throws IOException, InterruptedException {
        String source = work.diskFormat;
        if ("iso".equals(source)) {
            return;
        }
        inspector.inspect(work.file, source);
        Map<?, ?> info = info(work.file, source);
        if (!source.equals(info.get("format"))) {
            throw GlanceException.invalid("Image metadata disagrees about format: qemu-img reports "
                    + info.get("format") + " for an image declared " + source);
        }
        if (info.containsKey("backing-filename")) {
            throw GlanceException.invalid("QCOW images with backing files are not allowed");
        }
        if (info.get("format-specific") instanceof Map<?, ?> specific && specific.get("data") instanceof Map<?, ?> data
                && data.get("data-file") != null) {
            throw GlanceException.invalid("QCOW images with data-file set are not allowed");
        }
        if (info.get("virtual-size") instanceof Long virtualSize) {
            work.virtualSize = virtualSize;
        }
        if (source.equals(outputFormat)) {
            return;
        }
        Path target = work.file.resolveSibling(work.file.getFileName() + "." + outputFormat);
        try {
            run(List.of(qemuImg, "convert", "-f", source, "-O", outputFormat, work.file.toString(), target.toString()));
            StagedImageInspector.Inspection converted = inspector.inspect(target, outputFormat);
            if (converted.virtualSize() != null && outputFormat.equals("raw")) {
                work.virtualSize = converted.virtualSize();
            }
            Files.move(target, work.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            StagingArea.deleteQuietly(target);
        }
        work.diskFormat = outputFormat;
        work.containerFormat = "bare";
    }

    private Map<?, ?> info(Path file, String format) throws IOException, InterruptedException {
        String json = run(List.of(qemuImg, "info", "-f", format, "--output=json", file.toString()));
        try {
            if (MiniJson.parse(json) instanceof Map<?, ?> map) {
                return map;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw GlanceException.invalid("qemu-img info gave no readable answer");
    }

    /** Runs a command without a shell; its standard output, or a failure naming what it wrote to stderr. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(command);
        Path errors = Files.createTempFile("glance4j-qemu-img", ".err");
        Path output = Files.createTempFile("glance4j-qemu-img", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(argv).redirectError(errors.toFile()).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) {
                throw new GlanceException(ErrorCategory.INVALID, "Image conversion failed: cannot run "
                        + argv.get(0) + ".", e);
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw GlanceException.invalid("Image conversion failed: " + argv.get(1) + " took too long");
            }
            String stderr = Files.readString(errors, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || !stderr.isEmpty()) {
                throw GlanceException.invalid("Image conversion failed: qemu-img " + argv.get(1) + ": "
                        + (stderr.isEmpty() ? "exit status " + process.exitValue() : stderr));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(errors);
            Files.deleteIfExists(output);
        }
    }
}
