package org.glance4j.core.quota;

import java.util.List;
import java.util.Set;

import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.out.ImageRepository;

/**
 * What a project uses of each unified limit, counted from its images the way Glance's database layer counts:
 * stored bytes are size times live locations of images not killed or on their way out; staged bytes are the sizes
 * of uploading and importing images and of images being copied to more stores; uploading images are those saving,
 * uploading, importing or being copied. Sizes are in bytes here; the limits speak MiB.
 */
final class ProjectUsage {

    private static final int PAGE = 500;
    private static final Set<ImageStatus> GONE = Set.of(ImageStatus.KILLED, ImageStatus.DELETED,
            ImageStatus.PENDING_DELETE);
    private static final Set<ImageStatus> UPLOADING = Set.of(ImageStatus.SAVING, ImageStatus.UPLOADING,
            ImageStatus.IMPORTING);
    private static final String COPYING = "os_glance_importing_to_stores";

    long storedBytes;
    long stagedBytes;
    long imageCount;
    long uploadingCount;

    static ProjectUsage of(ImageRepository images, String projectId) {
        ProjectUsage usage = new ProjectUsage();
        Image marker = null;
        while (true) {
            List<Image> page = images.list(new ImageQuery(new ImageQuery.Viewer(projectId, true),
                    ImageQuery.VisibilityFilter.ALL, null,
                    List.of(new ImageQuery.Condition(ImageField.OWNER, ImageQuery.Operator.EQ, List.of(projectId))),
                    List.of(), List.of(), null, null, marker, PAGE));
            page.forEach(usage::add);
            if (page.size() < PAGE) {
                return usage;
            }
            marker = page.get(page.size() - 1);
        }
    }

    private void add(Image image) {
        if (GONE.contains(image.status())) {
            return;
        }
        long size = image.size() == null ? 0 : image.size();
        boolean copying = !image.properties().getOrDefault(COPYING, "").isEmpty();
        imageCount++;
        storedBytes += size * image.locations().size();
        if (UPLOADING.contains(image.status())) {
            uploadingCount++;
            if (image.status() != ImageStatus.SAVING) {
                stagedBytes += size;
            }
        } else if (copying) {
            uploadingCount++;
            stagedBytes += size;
        }
    }
}
