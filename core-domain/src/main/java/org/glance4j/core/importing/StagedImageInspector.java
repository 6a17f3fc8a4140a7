package org.glance4j.core.importing;

import java.nio.channels.SeekableByteChannel;
import org.glance4j.ports.error.GlanceException;

/**
 * Format safety for staged data: what format the data really is, whether it is safe (no backing or external data
 * file), and its virtual size. The import flow calls it on stage and again before an image can become active.
 *
 * <p>{@link PolicyFormatInspector} implements it with the format inspector and policy of plain uploads
 * ({@code org.glance4j.core.format}); embedders may give another through {@code GlanceCore.Builder.inspector}.
 */
public interface StagedImageInspector {

    /** What an inspection found: the detected format and the virtual size (null when not known). */
    record Inspection(String format, Long virtualSize) {}

    /**
     * Inspects staged data against the disk format the image declares (null: nothing declared yet, only safety
     * is checked). The data is read from wherever the inspector wants; the caller closes the channel.
     *
     * @throws GlanceException {@code INVALID} when the content is unsafe or does not match the declared format
     * @throws java.io.UncheckedIOException when the data cannot be read
     */
    Inspection inspect(SeekableByteChannel data, String declaredDiskFormat);
}
