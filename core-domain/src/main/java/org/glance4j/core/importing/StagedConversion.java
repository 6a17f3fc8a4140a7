package org.glance4j.core.importing;

import org.glance4j.core.data.UploadConversion;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.DiskImageInfo;
import org.glance4j.ports.out.importing.DiskImageTool;
import org.glance4j.ports.out.importing.DiskImageToolException;
import org.glance4j.ports.out.importing.StagingArea;

/**
 * The conversion of staged data with the disk image tool ({@code qemu-img}), as Glance's {@code image_conversion}
 * plugin does it: before the tool sees the data, the inspector confirms it is the declared format and safe; the tool
 * must agree about the format and show no backing or data file; the converted data replaces the staged data and is
 * inspected again. The import plugin and uploads to a store that wants another disk format share it. Its
 * {@code staging} component is the {@link UploadConversion#staging()} the port asks for.
 */
record StagedConversion(StagingArea staging, StagedImageInspector inspector, DiskImageTool tool)
        implements UploadConversion {

    @Override
    public Long convert(String imageId, String sourceFormat, String targetFormat, long sizeCap)
            throws InterruptedException {
        StagedData.inspect(staging, inspector, imageId, sourceFormat);
        DiskImageInfo info = withTool(() -> tool.info(imageId, sourceFormat));
        if (!sourceFormat.equals(info.format())) {
            throw GlanceException.invalid("Image metadata disagrees about format: qemu-img reports " + info.format()
                    + " for an image declared " + sourceFormat);
        }
        if (info.backingFile() != null) {
            throw GlanceException.invalid("QCOW images with backing files are not allowed");
        }
        if (info.dataFile() != null) {
            throw GlanceException.invalid("QCOW images with data-file set are not allowed");
        }
        Long virtualSize = info.virtualSize();
        if (sourceFormat.equals(targetFormat)) {
            return virtualSize;
        }
        if ("raw".equals(targetFormat) && virtualSize != null && virtualSize > sizeCap) {
            throw GlanceException.tooLarge("The incoming image is too large: converted to raw it would be "
                    + virtualSize + " bytes, more than the " + sizeCap + " bytes of image_size_cap.");
        }
        withTool(() -> {
            tool.convert(imageId, sourceFormat, targetFormat);
            return null;
        });
        StagedImageInspector.Inspection converted = StagedData.inspect(staging, inspector, imageId, targetFormat);
        if (converted.virtualSize() != null && targetFormat.equals("raw")) {
            return converted.virtualSize();
        }
        return virtualSize;
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
                            ErrorCategory.INVALID, "Image conversion failed: cannot run " + e.detail() + ".", e);
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
