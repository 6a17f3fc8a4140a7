package org.glance4j.core.importing;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.DiskImageInfo;
import org.glance4j.ports.out.importing.DiskImageTool;
import org.glance4j.ports.out.importing.DiskImageToolException;
import org.glance4j.ports.out.importing.StagingArea;

/**
 * {@code image_conversion}: converts the staged data to {@code [image_conversion] output_format} with the disk
 * image tool ({@code qemu-img}), as Glance does. Before the tool sees the data, the inspector confirms it is the
 * declared format and safe; the tool must agree about the format and show no backing or data file; the converted
 * data is inspected again. Afterwards the image's disk format is the output format, its container format
 * {@code bare}, and its virtual size the one the tool reports. An ISO declared iso is left alone.
 */
final class ConversionPlugin implements ImportPlugin {

    private final StagingArea staging;
    private final StagedImageInspector inspector;
    private final DiskImageTool tool;
    private final String outputFormat;

    ConversionPlugin(StagingArea staging, StagedImageInspector inspector, DiskImageTool tool, String outputFormat) {
        this.staging = staging;
        this.inspector = inspector;
        this.tool = tool;
        this.outputFormat = outputFormat;
    }

    @Override
    public String name() {
        return "image_conversion";
    }

    @Override
    public void apply(ImportWork work) throws InterruptedException {
        String source = work.diskFormat;
        if ("iso".equals(source)) {
            return;
        }
        StagedData.inspect(staging, inspector, work.imageId, source);
        DiskImageInfo info = withTool(() -> tool.info(work.imageId, source));
        if (!source.equals(info.format())) {
            throw GlanceException.invalid("Image metadata disagrees about format: qemu-img reports " + info.format()
                    + " for an image declared " + source);
        }
        if (info.backingFile() != null) {
            throw GlanceException.invalid("QCOW images with backing files are not allowed");
        }
        if (info.dataFile() != null) {
            throw GlanceException.invalid("QCOW images with data-file set are not allowed");
        }
        if (info.virtualSize() != null) {
            work.virtualSize = info.virtualSize();
        }
        if (source.equals(outputFormat)) {
            return;
        }
        withTool(() -> {
            tool.convert(work.imageId, source, outputFormat);
            return null;
        });
        StagedImageInspector.Inspection converted = StagedData.inspect(staging, inspector, work.imageId, outputFormat);
        if (converted.virtualSize() != null && outputFormat.equals("raw")) {
            work.virtualSize = converted.virtualSize();
        }
        work.diskFormat = outputFormat;
        work.containerFormat = "bare";
    }

    private interface ToolCall<T> {
        T call();
    }

    /** Runs the tool, turning its failures into the import's messages. */
    private static <T> T withTool(ToolCall<T> call) throws InterruptedException {
        try {
            return call.call();
        } catch (DiskImageToolException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while qemu-img " + e.operation() + " ran");
            }
            throw switch (e.failure()) {
                case CANNOT_RUN ->
                    new GlanceException(
                            org.glance4j.ports.error.ErrorCategory.INVALID,
                            "Image conversion failed: cannot run " + e.detail() + ".",
                            e);
                case TIMED_OUT ->
                    GlanceException.invalid("Image conversion failed: " + e.operation() + " took too long");
                case FAILED ->
                    GlanceException.invalid("Image conversion failed: qemu-img " + e.operation() + ": " + e.detail());
                case UNREADABLE_ANSWER ->
                    GlanceException.invalid("qemu-img " + e.operation() + " gave no readable answer");
            };
        }
    }
}
