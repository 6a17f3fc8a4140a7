package org.glance4j.core.quota;

import org.glance4j.ports.model.ProjectImageUsage;
import org.glance4j.ports.out.ImageRepository;

/**
 * What a project uses of each unified limit, counted from its images the way Glance's database layer counts
 * ({@link ImageRepository#usageOf}, which a database answers with one query): stored bytes are size times live
 * locations of images not killed or on their way out; staged bytes are the sizes of uploading and importing images and
 * of images being copied to more stores; uploading images are those saving, uploading, importing or being copied.
 * Sizes are in bytes here; the limits speak MiB.
 */
final class ProjectUsage {

    long storedBytes;
    long stagedBytes;
    long imageCount;
    long uploadingCount;

    static ProjectUsage of(ImageRepository images, String projectId) {
        ProjectImageUsage counted = images.usageOf(projectId);
        ProjectUsage usage = new ProjectUsage();
        usage.storedBytes = counted.storedBytes();
        usage.stagedBytes = counted.stagedBytes();
        usage.imageCount = counted.images();
        usage.uploadingCount = counted.uploadingImages();
        return usage;
    }
}
