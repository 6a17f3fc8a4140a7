package org.glance4j.core.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.StagingArea;

/** The staged data of one image as the import flow reads it: opened from the staging area, or a clear failure. */
final class StagedData {

    private StagedData() {}

    /**
     * Opens the staged data of {@code imageId}.
     *
     * @throws GlanceException {@code INVALID} when the image has no staged data
     */
    static SeekableByteChannel open(StagingArea staging, String imageId) {
        return staging.open(imageId).orElseThrow(() -> missing(imageId));
    }

    static GlanceException missing(String imageId) {
        return GlanceException.invalid("The staged data of image " + imageId + " is missing");
    }

    /** Inspects the staged data of {@code imageId} against {@code declaredDiskFormat} (null: safety only). */
    static StagedImageInspector.Inspection inspect(
            StagingArea staging, StagedImageInspector inspector, String imageId, String declaredDiskFormat) {
        try (SeekableByteChannel data = open(staging, imageId)) {
            return inspector.inspect(data, declaredDiskFormat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
