package org.glance4j.core.importing;

import java.util.Objects;
import org.glance4j.ports.out.importing.DiskImageTool;
import org.glance4j.ports.out.importing.StagingArea;
import org.glance4j.ports.out.importing.WebSource;

/**
 * The outbound ports import works through: the staging area (required), the source web-download reads from
 * (required when web-download is enabled) and the disk image tool image conversion runs (required when the
 * {@code image_conversion} plugin is enabled).
 */
public record ImportIo(StagingArea staging, WebSource web, DiskImageTool tool) {

    public ImportIo {
        Objects.requireNonNull(staging, "staging area");
    }
}
