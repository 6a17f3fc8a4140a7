package org.glance4j.core.importing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an import works on between staging and the stores: the image whose staged data the plugins may replace
 * (in the staging area), and the image attributes the plugins change, which the import applies when the image
 * becomes active.
 */
final class ImportWork {
    final String imageId;
    final Set<String> roles;
    final Map<String, String> extraProperties = new TreeMap<>();
    String diskFormat;
    String containerFormat;
    Long virtualSize;
    /**
     * The disk format the target stores want the data in (their {@code image_conversion_output_format}, else, with
     * the {@code image_conversion} plugin, {@code [image_conversion] output_format}); null to keep it as it is.
     */
    String outputFormat;

    ImportWork(String imageId, Set<String> roles, String diskFormat, String containerFormat) {
        this.imageId = imageId;
        this.roles = roles;
        this.diskFormat = diskFormat;
        this.containerFormat = containerFormat;
    }
}
