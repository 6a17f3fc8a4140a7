package org.glance4j.ports.out.importing;

/**
 * What a {@link DiskImageTool} reports about an image.
 *
 * @param format       the format the tool read the data as (null when it did not say)
 * @param virtualSize  the virtual size in bytes (null when it did not say)
 * @param backingFile  the backing file the image names (null for none)
 * @param dataFile     the external data file the image names (null for none)
 */
public record DiskImageInfo(String format, Long virtualSize, String backingFile, String dataFile) {}
