package org.glance4j.core.data;

import java.util.Optional;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.StagingArea;

/**
 * The conversion of uploaded data to the disk format its store wants (a store's
 * {@code image_conversion_output_format}): the upload is received into the staging area, checked there as any
 * upload, converted in place by the disk image tool, and the converted data goes to the store. The import machinery
 * ({@code org.glance4j.core.importing}), which owns the staging area and the tool, implements it.
 */
public interface UploadConversion {

    /** The disk formats the disk image tool reads under their Glance names, so that they can be converted. */
    Set<String> CONVERTIBLE = Set.of("raw", "qcow2", "vmdk", "vdi", "vhdx");

    /**
     * Formats stored as they come even where a store wants another one: an ISO is a CD-ROM, not a disk, and the
     * Amazon kernel, ramdisk and machine formats are raw bytes already.
     */
    Set<String> KEPT_AS_THEY_ARE = Set.of("iso", "aki", "ari", "ami");

    /** The staging area uploads to convert are received into. */
    StagingArea staging();

    /**
     * Checks the staged data of {@code imageId}, declared {@code sourceFormat}, with the disk image tool (it must
     * agree about the format and find no backing or external data file) and converts it in place to
     * {@code targetFormat}; the converted data is inspected again. Converted raw data larger than {@code sizeCap}
     * is refused before it is written.
     *
     * @return the virtual size of the converted data; null when not known
     * @throws GlanceException {@code INVALID} when the tool disagrees, fails or cannot run, or the converted data
     *         fails inspection; {@code TOO_LARGE} when the converted data would exceed {@code sizeCap}
     * @throws InterruptedException when the thread is interrupted while the tool runs
     */
    Long convert(String imageId, String sourceFormat, String targetFormat, long sizeCap) throws InterruptedException;

    /**
     * The disk format data of {@code diskFormat} in a {@code containerFormat} container must be converted to
     * before it goes to a store that wants {@code wanted}; null when it is stored as it comes (the store wants
     * nothing, the data is in that format already, the container is not {@code bare}, or the format is one of
     * {@link #KEPT_AS_THEY_ARE}).
     *
     * @throws GlanceException {@code INVALID} for a disk format the tool cannot convert ({@code vhd}, {@code ploop})
     */
    static String targetFormat(Optional<String> wanted, String storeId, String diskFormat, String containerFormat) {
        if (wanted.isEmpty()
                || diskFormat == null
                || !"bare".equals(containerFormat)
                || wanted.get().equals(diskFormat)
                || KEPT_AS_THEY_ARE.contains(diskFormat)) {
            return null;
        }
        if (!CONVERTIBLE.contains(diskFormat)) {
            throw GlanceException.invalid("Store " + storeId + " keeps images as " + wanted.get()
                    + ", and an image of disk_format " + diskFormat + " cannot be converted to it.");
        }
        return wanted.get();
    }
}
