package org.glance4j.ports.out.importing;

/**
 * A disk image tool ({@code qemu-img}) run on the staged data of an image. It reports facts and converts; the core
 * decides which facts fail an import (a format that disagrees, a backing file, an external data file) and words the
 * messages.
 *
 * <p>Implementations are thread-safe. Every failure of the tool itself is a {@link DiskImageToolException} telling
 * what went wrong; an image without staged data is {@code GlanceException} with category {@code NOT_FOUND}.
 */
public interface DiskImageTool {

    /**
     * What the tool reports about the staged data of {@code imageId} read as {@code format}
     * ({@code qemu-img info -f <format>}).
     *
     * @throws DiskImageToolException when the tool cannot run, fails, takes too long or answers nothing readable
     */
    DiskImageInfo info(String imageId, String format);

    /**
     * Converts the staged data of {@code imageId} from {@code sourceFormat} to {@code targetFormat}; the converted
     * data replaces the staged data in one atomic step, and only when the conversion succeeded.
     *
     * @throws DiskImageToolException when the tool cannot run, fails or takes too long
     */
    void convert(String imageId, String sourceFormat, String targetFormat);
}
