package org.glance4j.core.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import org.glance4j.core.format.FormatInspectors;
import org.glance4j.core.format.FormatPolicy;
import org.glance4j.core.format.InspectionResult;
import org.glance4j.ports.error.GlanceException;

/**
 * Staged data checked by the same format inspector and policy as plain uploads ({@code org.glance4j.core.format}):
 * the safety checks always, the match with the declared disk format when one is declared.
 */
public final class PolicyFormatInspector implements StagedImageInspector {

    private final FormatPolicy policy;

    public PolicyFormatInspector(FormatPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Inspection inspect(SeekableByteChannel data, String declaredDiskFormat) {
        InspectionResult result = FormatInspectors.inspect(data);
        if (declaredDiskFormat == null) {
            if (!result.safe()) {
                throw GlanceException.invalid("Image failed safety checks: " + String.join("; ", result.problems()));
            }
            return new Inspection(result.format(), result.virtualSize() > 0 ? result.virtualSize() : null);
        }
        long virtualSize = policy.virtualSize(result, declaredDiskFormat, size(data));
        return new Inspection(result.format(), virtualSize > 0 ? virtualSize : null);
    }

    private static long size(SeekableByteChannel data) {
        try {
            return data.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
